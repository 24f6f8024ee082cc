using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClimateWarn.Server.Store.Relational.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PlatformDrops : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_drops",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    File = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Dropped = table.Column<long>(type: "bigint", nullable: false),
                    Ack = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_drops", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_platform_drops_Dropped",
                table: "platform_drops",
                column: "Dropped");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_drops");
        }
    }
}
