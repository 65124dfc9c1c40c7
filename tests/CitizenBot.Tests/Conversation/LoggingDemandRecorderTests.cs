using CitizenBot.Conversation;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Tests.Conversation;

public sealed class LoggingDemandRecorderTests
{
    [Fact]
    public async Task Logs_the_outcome_but_never_the_question()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var recorder = new LoggingDemandRecorder(factory.CreateLogger<LoggingDemandRecorder>());

        await recorder.RecordAsync(new DemandEvent(DateTimeOffset.UtcNow, "webchat", "da-nang",
            "tôi là Nguyễn Văn An, sđt 0912345678, muốn nuôi chó", "nguyen van an sdt 0912345678 nuoi cho",
            DemandOutcome.NoMatch, [new DemandCandidate("1.001193", 0.31)], null, null, "conv-1"), default);
        await recorder.RecordAsync(new DemandEvent(DateTimeOffset.UtcNow, "webchat", null, "làm căn cước", "lam can cuoc",
            DemandOutcome.NotFullyOnline, [], "1.014061", OnlineMode.Partial, "conv-2"), default);

        Assert.Equal(2, logs.Messages.Count);
        Assert.All(logs.Messages, m =>
        {
            Assert.DoesNotContain("Nguyễn", m);
            Assert.DoesNotContain("nguyen", m);
            Assert.DoesNotContain("0912345678", m);
            Assert.DoesNotContain("căn cước", m);
            Assert.DoesNotContain("can cuoc", m);
        });
        Assert.Contains("NoMatch", logs.Messages[0]);
        Assert.Contains("da-nang", logs.Messages[0]);
        Assert.Contains("1.001193", logs.Messages[0]);
        Assert.Contains("1.014061 (mot-phan)", logs.Messages[1]);
    }
}
