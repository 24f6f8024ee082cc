using ClimateWarn.Server.Hosting;



// `dotnet run --project src/ClimateWarn.Server` serves live Open-Meteo data; add `-- --replay` to replay Jan–Apr 2021.
return await ClimateWarnHost.RunAsync(args);
