using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Tests.Catalogue;
using CitizenBot.Core.Tests.Search;
using static CitizenBot.Core.Tests.Demand.DemandTestData;

namespace CitizenBot.Core.Tests.Demand;

/// <summary>
/// <c>pii-corpus.tsv</c>: realistic messages, each personal-data kind in several spellings, with and without diacritics,
/// stored through the real entry factory with the search's real normalized form (the repository's lexicon); and
/// messages that must come through unchanged (procedure codes, fees, durations, laws, ages).
/// </summary>
public sealed class PersonalDataScrubberCorpusTests(TinyIndex index) : IClassFixture<TinyIndex>
{
    static readonly string CorpusPath = Path.Combine(RepoFolders.Root, "tests", "CitizenBot.Core.Tests", "Demand", "pii-corpus.tsv");

    public static TheoryData<string, string, string> Corpus()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(CorpusPath).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var fields = line.Split('\t');
            data.Add(fields[0], fields[1], fields.Length > 2 ? fields[2] : "");
        }
        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_100_messages_and_every_kind_in_several_spellings()
    {
        var kinds = Corpus().Select(row => (string)row[0]).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(kinds.Values.Sum() >= 100, $"{kinds.Values.Sum()} messages");
        foreach (var kind in new[] { "address", "dob", "passport", "profile", "phone", "intro", "bank", "email", "keep" })
            Assert.True(kinds.GetValueOrDefault(kind) >= 5, $"{kind}: {kinds.GetValueOrDefault(kind)}");
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_piece_of_personal_data_is_gone_from_every_stored_column(string kind, string message, string pieces)
    {
        var scrubber = new PersonalDataScrubber(["Hà Nội", "Thái Bình", "Lâm Đồng", "Huế"]);
        if (kind == "keep")
        {
            Assert.Equal(message, scrubber.Scrub(message).Text);
            return;
        }
        var normalized = index.Analyzer.AnalyzeQuery(message, index.Vocabulary).Normalized;
        var entry = new DemandEntryFactory(scrubber, new ConversationHasher(new byte[32]))
            .Create(Event(DemandOutcome.NoMatch, message, normalized: normalized));
        foreach (var piece in pieces.Split(" | "))
        foreach (var (column, stored) in new[] { ("question", entry.Question), ("normalized", entry.Normalized) })
        {
            var words = Words(stored);
            Assert.False(Words(piece).All(words.Contains),
                $"{kind}: \"{piece}\" is still in the {column} column: \"{stored}\" (normalized by the search: \"{normalized}\")");
        }
        Assert.Contains("[", entry.Question);
    }

    /// <summary>Lower-case words and digit groups, spelled one way ("thuý" = "thúy").</summary>
    static HashSet<string> Words(string text) =>
        Regex.Split(VietnameseText.Normalize(text).ToLowerInvariant(), @"[^\p{L}\p{N}_]+").Where(w => w.Length > 0).ToHashSet();
}
