using Process = System.Diagnostics.Process;
using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Protocol;
using CitizenBot.Demand;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CitizenBot.Tests.Demand;

/// <summary>The demand log inside the real host: the bot's unmet question lands in demand.db, scrubbed.</summary>
public sealed class DemandLogHostTests
{
    static readonly DemandFilter All = new(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

    [Fact]
    public async Task The_host_records_the_bots_unmet_questions_scrubbed_in_demand_db()
    {
        await using var host = await TestHost.StartAsync();
        var log = host.Services.GetRequiredService<DemandLog>();
        Assert.Same(log, host.Services.GetRequiredService<IDemandRecorder>());
        Assert.IsType<SqliteDemandStore>(host.Services.GetRequiredService<IDemandStore>());

        var bot = host.Services.GetRequiredService<IBot>();
        var question = "Tên tôi là Nguyễn Văn Bình, sđt 0912 345 678, cho hỏi thủ tục gì để nuôi chó mèo trong nhà";
        await bot.OnTurnAsync(new Activity
        {
            Type = ActivityTypes.Message, Text = question, ChannelId = "webchat", Id = "m1",
            From = new ChannelAccount { Id = "user-1" }, Conversation = new ConversationAccount { Id = "host-test-conversation" },
        }, CancellationToken.None);
        Assert.True(await log.FlushAsync(CancellationToken.None));

        var entry = Assert.Single(await log.Store.QueryAsync(All, CancellationToken.None));
        Assert.Equal(DemandOutcome.NoMatch, entry.Outcome);
        Assert.Equal("Tên tôi là [TÊN], sđt [SĐT], cho hỏi thủ tục gì để nuôi chó mèo trong nhà", entry.Question);
        Assert.DoesNotContain("0912", entry.Normalized);
        Assert.DoesNotContain("bình", entry.Normalized, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual("host-test-conversation", entry.ConversationHash);
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "demand.db")));
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "demand-hash.key")));
    }

    [Fact]
    public async Task An_unmet_question_with_an_emoji_is_stored()
    {
        await using var host = await TestHost.StartAsync();
        var log = host.Services.GetRequiredService<DemandLog>();
        await host.Services.GetRequiredService<IBot>().OnTurnAsync(new Activity
        {
            Type = ActivityTypes.Message, Text = "đăng ký cho con vào lớp 1 🙏", ChannelId = "directline", Id = "m1",
            From = new ChannelAccount { Id = "user-1" }, Conversation = new ConversationAccount { Id = "emoji-conversation" },
        }, CancellationToken.None);
        Assert.True(await log.FlushAsync(CancellationToken.None));

        var entry = Assert.Single(await log.Store.QueryAsync(All, CancellationToken.None));
        Assert.Equal(("đăng ký cho con vào lớp 1 🙏", DemandOutcome.NoMatch), (entry.Question, entry.Outcome));
        Assert.Equal(0, log.Withheld);
    }

    [Fact]
    public async Task The_retention_sweep_deletes_entries_older_than_retention_days()
    {
        await using var host = await TestHost.StartAsync(("DemandLog:RetentionDays", "30"));
        var factory = host.Services.GetRequiredService<DemandEntryFactory>();
        var store = host.Services.GetRequiredService<IDemandStore>();
        DemandEvent Aged(int days) => new(DateTimeOffset.UtcNow.AddDays(-days), "webchat", null, "q" + days, "q" + days, DemandOutcome.NoMatch, [], null, null, "c");
        await store.AppendAsync([factory.Create(Aged(31)), factory.Create(Aged(40)), factory.Create(Aged(29))], CancellationToken.None);

        var sweep = host.Services.GetServices<IHostedService>().OfType<DemandRetentionService>().Single();
        Assert.Equal(2, await sweep.SweepOnceAsync(CancellationToken.None));
        Assert.Equal("q29", Assert.Single(await store.QueryAsync(new DemandFilter(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow), CancellationToken.None)).Question);
    }

    [Fact]
    public async Task A_too_short_hash_salt_stops_start_up_with_the_setting_named()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHost.StartAsync(("DemandLog:HashSalt", "short")));
        Assert.Contains("DemandLog:HashSalt", error.Message);
    }
}

/// <summary>`citizenbot admin add-user` and `citizenbot report` as an operator runs them: the real executable.</summary>
public sealed class DemandCliTests : IDisposable
{
    readonly string _dataDirectory = Directory.CreateTempSubdirectory("citizenbot-cli-demand-").FullName;

    static async Task<(int Code, string Out, string Error)> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "citizenbot.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("Storage__PostgresConnectionString");
        using var process = Process.Start(start)!;
        if (stdin is not null) await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Add_user_hashes_the_password_from_stdin_and_the_report_prints_csv_with_an_audit_entry()
    {
        var added = await RunAsync("mat-khau-cua-lan-2026", "admin", "add-user", "Lan", "--role", "viewer", "--province", "Hà Nội", "--province", "ninh-binh",
            "--password-stdin", "--data-dir", _dataDirectory, "--index-data", RepoPaths.IndexData);
        Assert.True(added.Code == 0, added.Error);
        Assert.Contains("Created viewer 'lan' for ha-noi, ninh-binh", added.Out);

        var store = new SqliteDemandStore(Path.Combine(_dataDirectory, "demand.db"));
        var user = await store.FindUserAsync("lan", CancellationToken.None);
        Assert.StartsWith("pbkdf2-sha512$210000$", user!.PasswordHash);
        Assert.DoesNotContain("mat-khau", user.PasswordHash);
        Assert.True(CitizenBot.Admin.PasswordHasher.Verify("mat-khau-cua-lan-2026", user.PasswordHash));

        var tooShort = await RunAsync("short", "admin", "add-user", "minh", "--role", "admin", "--password-stdin", "--data-dir", _dataDirectory, "--index-data", RepoPaths.IndexData);
        Assert.Equal(2, tooShort.Code);

        var factory = new DemandEntryFactory(new PersonalDataScrubber(), new ConversationHasher(new byte[32]));
        DemandEvent E(string q, string province) => new(DateTimeOffset.UtcNow.AddHours(-1), "webchat", province, q, q, DemandOutcome.NoMatch, [], null, null, "c" + q);
        await store.AppendAsync([factory.Create(E("xin phép nuôi ong", "ha-noi")), factory.Create(E("xin phep nuoi ong", "ha-noi")),
            factory.Create(E("=cmd|' /C calc'!A0 hỏi", "ninh-binh"))], CancellationToken.None);

        var report = await RunAsync(null, "report", "unmet", "--format", "csv", "--data-dir", _dataDirectory, "--index-data", RepoPaths.IndexData);
        Assert.True(report.Code == 0, report.Error);
        var lines = report.Out.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Nhóm câu hỏi,Lĩnh vực,Số lượt,", lines[0]);
        Assert.Matches("^xin ph(é|e)p nu(ô|o)i ong,Chưa phân loại,2,", lines[1]); // The two spellings are one need.
        Assert.StartsWith("'=cmd|' /C calc'!A0 hỏi,Chưa phân loại,1,", lines[2]);

        var hanoi = await RunAsync(null, "report", "summary", "--province", "ha-noi", "--format", "json", "--data-dir", _dataDirectory, "--index-data", RepoPaths.IndexData);
        Assert.True(hanoi.Code == 0, hanoi.Error);
        Assert.Contains("\"noMatch\": 2", hanoi.Out);

        var audit = await store.ListAuditAsync(10, CancellationToken.None);
        Assert.Contains(audit, a => a.Action == "xuất dữ liệu" && a.Detail.Contains("report=unmet format=csv") && a.UserName.StartsWith("cli:"));
        Assert.Contains(audit, a => a.Action == "add-user" && a.Detail.Contains("user=lan"));

        var bad = await RunAsync(null, "report", "backlog", "--from", "2026-13-01", "--data-dir", _dataDirectory, "--index-data", RepoPaths.IndexData);
        Assert.Equal(2, bad.Code);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}
