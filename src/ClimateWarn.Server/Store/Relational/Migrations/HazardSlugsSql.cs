using Microsoft.EntityFrameworkCore.Migrations;

namespace ClimateWarn.Server.Store.Relational.Migrations;

/// <summary>
/// Data only, the same SQL for both providers: before hazards became registered definitions, warnings named the cold wave by
/// its enum name "coldWave"; its slug is now "cold-wave". Rewrites stored messages and drafts so a database from before reads
/// back whole. (The other hazards' enum names and slugs are the same words.)
/// </summary>
internal static class HazardSlugsSql
{
    public static void Rename(MigrationBuilder migrationBuilder, string from, string to)
    {
        migrationBuilder.Sql($"""UPDATE warning_messages SET "Json" = REPLACE("Json", '"hazard":"{from}"', '"hazard":"{to}"')""");
        migrationBuilder.Sql($"""UPDATE drafts SET "Json" = REPLACE("Json", '"hazard":"{from}"', '"hazard":"{to}"'), "Key" = REPLACE("Key", '{from}:', '{to}:')""");
    }
}
