using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClimateWarn.Server.Store.Relational.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Suppressions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "suppressions",
                columns: table => new
                {
                    Hazard = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    District = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_suppressions", x => new { x.Hazard, x.District });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "suppressions");
        }
    }
}
