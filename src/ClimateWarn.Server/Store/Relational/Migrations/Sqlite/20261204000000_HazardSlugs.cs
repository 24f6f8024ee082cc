using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClimateWarn.Server.Store.Relational.Migrations.Sqlite
{
    /// <summary>Data only (see <see cref="HazardSlugsSql"/>); hand-written: no model change, so no designer file.</summary>
    [DbContext(typeof(SqliteWarningsDb))]
    [Migration("20261204000000_HazardSlugs")]
    public partial class HazardSlugs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => HazardSlugsSql.Rename(migrationBuilder, "coldWave", "cold-wave");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => HazardSlugsSql.Rename(migrationBuilder, "cold-wave", "coldWave");
    }
}
