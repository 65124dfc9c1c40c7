using System.Net;
using System.Text.Json.Nodes;
using CitizenBot.Core.Demand;
using CitizenBot.Tests.Admin;
using CitizenBot.Tests.Cli;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.Demand;

/// <summary>`citizenbot report` and /admin read a filter the same way: the same values accepted, the same sentence when not.</summary>
public sealed class ReportFilterSurfaceTests
{
    [Fact]
    public async Task The_cli_and_the_dashboard_accept_and_refuse_the_same_filter_values_with_the_same_words()
    {
        await using var host = await TestHost.StartAsync();
        await AdminSeed.UserAsync(host, "quantri", AdminRole.Admin);
        await AdminSeed.EntriesAsync(host, AdminSeed.Event("xin phep nuoi ong", "da-nang", daysAgo: 0));
        using var admin = new AdminClient(host);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync("quantri", AdminSeed.Password)).StatusCode);
        var environment = new Dictionary<string, string?> { ["Storage__PostgresConnectionString"] = null, ["Storage__DataDirectory"] = host.DataDirectory };

        (string Query, string[] Cli)[] refused =
        [
            ("province=Atlantis", ["--province", "Atlantis"]),
            ("from=2026-13-01", ["--from", "2026-13-01"]),
            ("field=Thu%E1%BA%BF%20v%C3%A0ng", ["--field", "Thuế vàng"]),
            ("outcome=3", ["--outcome", "3"]),
        ];
        foreach (var (query, cli) in refused)
        {
            using var response = await admin.Http.GetAsync("/admin/api/summary?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var run = await CliRunner.RunAsync(environment, ["report", "summary", .. cli]);
            Assert.Equal(2, run.ExitCode);
            Assert.Equal($"--{(string)problem["parameter"]!}: {(string)problem["detail"]!}", run.Error.Trim());
        }

        // Accepted alike: a province by its name, a field and an outcome in any letter case.
        using (var ok = await admin.Http.GetAsync("/admin/api/summary?province=%C4%90%C3%A0%20N%E1%BA%B5ng&outcome=nomatch"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(1, JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["summary"]!["noMatch"]!.GetValue<int>());
        }
        var accepted = await CliRunner.RunAsync(environment, "report", "summary", "--province", "Đà Nẵng", "--outcome", "nomatch", "--format", "json");
        Assert.True(accepted.ExitCode == 0, accepted.Error);
        Assert.Contains("\"noMatch\": 1", accepted.Output);
    }
}
