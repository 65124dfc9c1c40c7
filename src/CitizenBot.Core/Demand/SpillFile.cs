using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Core.Demand;

/// <summary>
/// The local append-only file ({Storage:DataDirectory}/demand-spill.jsonl) that holds scrubbed entries while the
/// database cannot take them, one JSON object per line. Replay moves it aside first (…replaying.jsonl), so appends
/// go on into a fresh file meanwhile; a replay cut short is finished by the next one (entries keep their ids, so
/// storing one twice is harmless). A line that cannot be read is not fatal: it is logged and kept aside in
/// …corrupt.jsonl for a person to look at.
/// </summary>
public sealed class SpillFile
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    readonly SemaphoreSlim _lock = new(1, 1);
    readonly ILogger _logger;

    public SpillFile(string path, ILogger logger)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _logger = logger;
    }

    public string Path { get; }
    public string ReplayingPath => System.IO.Path.ChangeExtension(Path, ".replaying.jsonl");
    public string CorruptPath => System.IO.Path.ChangeExtension(Path, ".corrupt.jsonl");

    /// <summary>Something is waiting to be replayed.</summary>
    public bool HasPending => File.Exists(ReplayingPath) || File.Exists(Path) && new FileInfo(Path).Length > 0;

    /// <summary>Appends the entries and flushes them to disk before returning.</summary>
    public async Task AppendAsync(IReadOnlyList<DemandEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var text = new StringBuilder();
        foreach (var e in entries) text.Append(JsonSerializer.Serialize(e, Json)).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        await _lock.WaitAsync(ct);
        try
        {
            await using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.None);
            await stream.WriteAsync(bytes, ct);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Sends everything spilled to <paramref name="store"/> in batches and deletes what was stored. Throws when the
    /// store fails (what is left stays for the next replay). Returns how many entries were replayed.
    /// </summary>
    public async Task<SpillReplay> ReplayAsync(Func<IReadOnlyList<DemandEntry>, CancellationToken, Task> store, int batchSize, CancellationToken ct)
    {
        var replayed = 0;
        var corrupt = 0;
        // The first pass finishes an earlier interrupted replay; the loop then takes what was spilled since.
        while (true)
        {
            await _lock.WaitAsync(ct);
            try
            {
                if (!File.Exists(ReplayingPath))
                {
                    if (!File.Exists(Path)) break;
                    File.Move(Path, ReplayingPath);
                }
            }
            finally
            {
                _lock.Release();
            }

            var batch = new List<DemandEntry>(batchSize);
            var lineNumber = 0;
            using (var reader = new StreamReader(ReplayingPath, Encoding.UTF8))
            {
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    lineNumber++;
                    if (line.Length == 0) continue;
                    if (TryParse(line) is { } entry) batch.Add(entry);
                    else
                    {
                        corrupt++;
                        await KeepCorruptAsync(line, lineNumber, ct);
                        continue;
                    }
                    if (batch.Count >= batchSize)
                    {
                        await store(batch, ct);
                        replayed += batch.Count;
                        batch = new List<DemandEntry>(batchSize);
                    }
                }
            }
            if (batch.Count > 0)
            {
                await store(batch, ct);
                replayed += batch.Count;
            }
            File.Delete(ReplayingPath);
        }
        return new SpillReplay(replayed, corrupt);
    }

    static DemandEntry? TryParse(string line)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<DemandEntry>(line, Json);
            return entry is { Id.Length: > 0, Channel: not null, Question: not null, Normalized: not null, Candidates: not null, ConversationHash.Length: > 0 }
                && Enum.IsDefined(entry.Outcome) ? entry : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    async Task KeepCorruptAsync(string line, int lineNumber, CancellationToken ct)
    {
        // The line itself is not logged: it may hold what a citizen typed. It is kept in the file beside the spill.
        _logger.LogWarning("Demand spill line {Line} of {File} is not a readable entry ({Length} characters); skipped and kept in {Corrupt}",
            lineNumber, ReplayingPath, line.Length, CorruptPath);
        await File.AppendAllTextAsync(CorruptPath, line + "\n", ct);
    }
}

public sealed record SpillReplay(int Replayed, int Corrupt);
