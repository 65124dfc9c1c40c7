using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.CharFilters;
using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Tests.Catalogue;
using CitizenBot.Core.Tests.Analysis.Filters;
using CitizenBot.Core.Tests.Search;

namespace CitizenBot.Core.Tests.Analysis;

/// <summary>Random input never throws at any analysis entry point, and what comes out is well formed.</summary>
public sealed class AnalyzerStressTests(TinyIndex index) : IClassFixture<TinyIndex>
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2025];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Analyze_never_throws_and_emits_clean_terms(int seed)
    {
        var random = new RandomText(seed);
        for (var i = 0; i < 300; i++)
        {
            var text = random.Next(200);
            foreach (var field in new[] { "name", VietnameseAnalyzer.AccentedWordsField, VietnameseAnalyzer.FoldedWordsField })
                foreach (var term in index.Analyzer.Terms(field, text))
                {
                    Assert.False(string.IsNullOrEmpty(term), text);
                    Assert.DoesNotContain(term, char.IsWhiteSpace);
                    Assert.DoesNotContain(term, char.IsControl);
                    Assert.Equal(field == VietnameseAnalyzer.AccentedWordsField, VietnameseText.HasDiacritics(term));
                }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnalyzeQuery_never_throws_and_retrieval_terms_are_single_words(int seed)
    {
        var random = new RandomText(seed);
        for (var i = 0; i < 300; i++)
        {
            var text = random.Next(200);
            var query = index.Analyzer.AnalyzeQuery(text, index.Vocabulary);
            Assert.DoesNotContain(query.Normalized, char.IsControl);
            foreach (var term in query.RetrievalTerms())
                Assert.DoesNotContain(term, c => char.IsWhiteSpace(c) || c == '"' || char.IsControl(c));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_step_survives_random_input(int seed)
    {
        var random = new RandomText(seed, validUtf16: true);
        for (var i = 0; i < 300; i++)
        {
            var text = random.Next(100);
            var normalized = VietnameseText.Normalize(text);
            VietnameseText.Fold(text);
            ControlCharacterCharFilter.Clean(text);
            foreach (var token in FilterTestHelpers.Terms(new WordTokenizer(new StringReader(normalized))))
            {
                TelexVniRepairFilter.Repair(token.ToLowerInvariant());
                VietnameseSyllable.IsValid(token);
            }
        }
        // The raw control filter also takes invalid UTF-16 and makes it valid.
        var raw = new RandomText(seed);
        for (var i = 0; i < 300; i++)
            Assert.True(IsValidUtf16(ControlCharacterCharFilter.Clean(raw.Next(100))));
    }

    [Fact]
    public void Normalization_is_idempotent_on_catalogue_text()
    {
        // Well-formed text (one tone mark a syllable). Text with stacked tone marks is not.
        var texts = IndexDataLoader.LoadProcedures(RepoFolders.IndexData).SelectMany(p => new[] { p.Name, p.Description ?? "" }.Concat(p.Aliases))
            .Concat(NationalPortalImporter.Import(RepoFolders.NationalCatalogue).Procedures.Select(p => p.Name));
        foreach (var text in texts)
        {
            var once = VietnameseText.Normalize(text);
            Assert.Equal(once, VietnameseText.Normalize(once));
            Assert.Equal(once, VietnameseText.Normalize(text.Normalize(System.Text.NormalizationForm.FormD))); // decomposed input meets
        }
    }

    [Fact]
    public void Very_long_text_is_analyzed()
    {
        var text = new RandomText(7).Long(100_000);
        Assert.NotEmpty(index.Analyzer.Terms("name", text));
        Assert.NotEmpty(index.Analyzer.AnalyzeQuery(text, index.Vocabulary).Concepts);
        var oneWord = new string('a', 50_000);
        Assert.Equal(oneWord.Length, index.Analyzer.Terms(VietnameseAnalyzer.FoldedWordsField, oneWord).Sum(t => t.Length)); // cut, not lost
        index.Analyzer.AnalyzeQuery(oneWord, index.Vocabulary);
        index.Analyzer.AnalyzeQuery(string.Concat(Enumerable.Repeat("\u0301", 20_000)), index.Vocabulary);
    }

    static bool IsValidUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                return false;
            }
            if (char.IsLowSurrogate(text[i])) return false;
        }
        return true;
    }
}
