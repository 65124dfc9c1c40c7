using System.Collections.Concurrent;
using CitizenBot.Core.Demand;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>Keeps recorded demand in memory so tests can see what a turn reported.</summary>
public sealed class InMemoryDemandRecorder : IDemandRecorder
{
    readonly ConcurrentQueue<DemandEvent> _events = new();

    public IReadOnlyList<DemandEvent> Events => [.. _events];

    public ValueTask RecordAsync(DemandEvent e, CancellationToken ct)
    {
        _events.Enqueue(e);
        return ValueTask.CompletedTask;
    }
}
