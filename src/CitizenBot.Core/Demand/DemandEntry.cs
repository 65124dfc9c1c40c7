using System.Security.Cryptography;
using System.Text;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Provinces;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Core.Demand;

/// <summary>
/// One stored demand event: what officials may see, and nothing else about the citizen. The question and its
/// normalized form are scrubbed of personal data; the conversation is a salted hash (it groups events of one
/// conversation and counts conversations, it cannot be turned back into the id).
/// </summary>
/// <param name="Id">Assigned once when the event is accepted, so a replayed entry is not stored twice.</param>
/// <param name="MatchedOnlineMode">The procedure's mode as answered, so reports never depend on the catalogue they load.</param>
/// <param name="ModeSource">Which list that mode came from when answered (province list or national catalogue).</param>
public sealed record DemandEntry(
    string Id,
    DateTimeOffset At,
    string Channel,
    string? ProvinceId,
    DemandOutcome Outcome,
    string Question,
    string Normalized,
    IReadOnlyList<DemandCandidate> Candidates,
    string? MatchedCode,
    OnlineMode? MatchedOnlineMode,
    string ConversationHash,
    OfferSource? ModeSource = null)
{
    /// <summary>The matched procedure, else the best candidate (stored for old queries; reports use <see cref="MatchedCode"/>).</summary>
    public string? FocusCode => MatchedCode ?? (Candidates.Count > 0 ? Candidates[0].Code : null);

    /// <summary>Days since 1970-01-01 UTC: the unit of volume charts, stored so both databases group alike.</summary>
    public int Day => DayOf(At);

    public static int DayOf(DateTimeOffset at) => (int)(at.ToUnixTimeMilliseconds() / 86_400_000L);
    public static DateOnly DateOf(int day) => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + day);
}

/// <summary>HMAC-SHA256 of the conversation id with the install's salt (DemandLog:HashSalt), hex, first 32 characters.</summary>
public sealed class ConversationHasher(byte[] salt)
{
    readonly byte[] _salt = salt.Length >= 16 ? salt : throw new ArgumentException("The hash salt must be at least 16 bytes.", nameof(salt));

    public string Hash(string conversationId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(conversationId)))[..32];

    /// <summary>The configured salt (any text of 16+ characters), else a random one created once and kept in <paramref name="saltFile"/>.</summary>
    public static ConversationHasher FromConfiguredOrFile(string? configured, string saltFile)
    {
        if (configured is { Length: > 0 })
            return new ConversationHasher(Encoding.UTF8.GetBytes(configured));
        if (File.Exists(saltFile) && Convert.FromBase64String(File.ReadAllText(saltFile).Trim()) is { Length: >= 16 } existing)
            return new ConversationHasher(existing);
        var salt = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(saltFile))!);
        var temp = saltFile + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(salt));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, saltFile, overwrite: false);
        return new ConversationHasher(salt);
    }
}

/// <summary>Turns what the bot reports into what is stored: scrubbed, hashed, and only what officials need.</summary>
/// <remarks>
/// Total: an event always becomes an entry. Should scrubbing ever fail (it is written not to: any string scrubs),
/// the entry is kept with its text withheld (<see cref="WithheldText"/>), counted in <see cref="Withheld"/> and logged
/// without the text, so the need still counts in the reports.
/// </remarks>
public sealed class DemandEntryFactory(PersonalDataScrubber scrubber, ConversationHasher hasher, ILogger<DemandEntryFactory>? logger = null)
{
    /// <summary>Candidates kept per entry (the report shows the top few with their scores).</summary>
    public const int MaxCandidates = 5;

    /// <summary>What is stored as the question (and nothing as its normalized form) when it could not be scrubbed.</summary>
    public const string WithheldText = "[ĐÃ ẨN]";

    long _withheld;

    /// <summary>Entries stored with their text withheld because scrubbing failed.</summary>
    public long Withheld => Interlocked.Read(ref _withheld);

    public DemandEntry Create(DemandEvent e)
    {
        // Answered, 👍, corrections and clicks are counters: their question text is not needed, so it is not kept.
        var keepText = e.Outcome is not (DemandOutcome.Answered or DemandOutcome.ThumbsUp or DemandOutcome.Corrected or DemandOutcome.ClickThrough);
        var (question, normalized) = keepText ? ScrubbedText(e) : ("", "");
        return new DemandEntry(
            Guid.CreateVersion7(e.At).ToString("N"),
            e.At.ToUniversalTime(),
            Truncate(e.Channel ?? "", 64),
            e.ProvinceId is { Length: > 0 } p ? Truncate(p, 64) : null,
            e.Outcome,
            question,
            normalized,
            (e.Candidates ?? []).Take(MaxCandidates).Select(c => new DemandCandidate(Truncate(c.Code, 64), Math.Round(c.Score, 4))).ToList(),
            e.MatchedCode is { Length: > 0 } code ? Truncate(code, 64) : null,
            e.MatchedCode is { Length: > 0 } ? e.MatchedOnlineMode : null,
            // A click carries no conversation: nothing links it to a person or to their questions.
            e.Outcome == DemandOutcome.ClickThrough ? "" : hasher.Hash(e.ConversationId ?? ""),
            e.MatchedCode is { Length: > 0 } ? e.ModeSource : null);
    }

    (string Question, string Normalized) ScrubbedText(DemandEvent e)
    {
        try
        {
            var question = scrubber.Scrub(Truncate(e.Question, 1000));
            return (question.Text, scrubber.ScrubNormalized(Truncate(e.NormalizedQuery, 1000), question));
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _withheld);
            // The exception's type only: its message or data could quote the citizen's text.
            logger?.LogError("Scrubbing a {Outcome} demand question failed ({Error}); the entry is stored with its text withheld", e.Outcome, ex.GetType().Name);
            return (WithheldText, "");
        }
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, never half a surrogate pair; the text made well-formed.</summary>
    static string Truncate(string text, int max)
    {
        if (text.Length > max) text = text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
        return PersonalDataScrubber.WellFormed(text);
    }
}
