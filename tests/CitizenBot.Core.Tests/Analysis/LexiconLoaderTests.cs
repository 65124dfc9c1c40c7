using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Analysis;

public sealed class LexiconLoaderTests
{
    /// <summary>The repository's age words: every analysis folder has them.</summary>
    static string RepoAges => Path.Combine(RepoFolders.Analysis, AgeWords.FileName);

    [Fact]
    public void Loads_the_repository_lexicon()
    {
        var lexicon = LexiconLoader.Load(RepoFolders.Analysis);
        Assert.Equal(["đăng", "ký"], lexicon.Abbreviations["dk"]);
        Assert.True(lexicon.Stops.Contains("ạ", EmptyVocabulary.Instance));
        Assert.Contains(lexicon.Synonyms, r => r.IsEquivalence && r.Phrases.Any(p => p.Length == 1 && p[0].Written == "cccd"));
        Assert.Contains(lexicon.Synonyms, r => !r.IsEquivalence && r.Phrases.Any(p => string.Join(' ', p.Select(w => w.Written)) == "nhập khẩu"));
        Assert.Contains(lexicon.Modifiers, m => m.SequenceEqual(["cap", "lai"]));
        Assert.Contains(lexicon.OutOfScope.Phrases, p => string.Join(' ', p.Select(w => w.Written)) == "giá vàng");
        Assert.Contains(lexicon.KnownGaps, g => g.AskWhere.StartsWith("Trung tâm Dịch vụ việc làm") &&
                                                g.Phrases.Phrases.Any(p => string.Join(' ', p.Select(w => w.Written)) == "trợ cấp thất nghiệp"));
        Assert.Matches("^[0-9A-F]{16}$", lexicon.Fingerprint);
    }

    [Fact]
    public void Reads_each_format_and_skips_comments_and_blank_lines()
    {
        using var folder = new TempFolder();
        folder.Write("stopwords.txt", "# filler\nạ\n\ncho em hỏi\n");
        folder.Write("abbreviations.txt", "# chat\ndk => đăng ký\n  Ko   =>  không \n");
        folder.Write("synonyms.txt", "sổ đỏ, sổ hồng\nnhập khẩu => đăng ký thường trú, nhập hộ khẩu\n");
        folder.Write("modifiers.txt", "cấp lại\nđổi\n");
        folder.Write("outofscope.txt", "# not a public service\nthời tiết\n");
        folder.Write("gaps.txt", "# needs\n[Trung tâm Dịch vụ việc làm]\ntrợ cấp thất nghiệp\ntctn\n\n[Ban Chỉ huy quân sự cấp xã]\nnghĩa vụ quân sự\n");
        folder.Copy(RepoAges);

        var lexicon = LexiconLoader.Load(folder.Path);

        Assert.Equal(["ạ"], lexicon.Stops.Words.Select(w => w.Written));
        Assert.Equal(["cho em hỏi"], lexicon.Stops.Phrases.Select(p => string.Join(' ', p.Select(w => w.Written))));
        Assert.Equal(["không"], lexicon.Abbreviations["ko"]); // keys lower-cased
        Assert.Equal(2, lexicon.Synonyms.Count);
        Assert.True(lexicon.Synonyms[0].IsEquivalence);
        Assert.False(lexicon.Synonyms[1].IsEquivalence);
        Assert.Equal(2, lexicon.Synonyms[1].Expansions.Count);
        Assert.Equal("synonyms.txt:2", lexicon.Synonyms[1].Source);
        Assert.Equal([["cap", "lai"], ["doi"]], lexicon.Modifiers);
        Assert.Equal(["thời tiết"], lexicon.OutOfScope.Phrases.Select(p => string.Join(' ', p.Select(w => w.Written))));
        Assert.Equal(["Trung tâm Dịch vụ việc làm", "Ban Chỉ huy quân sự cấp xã"], lexicon.KnownGaps.Select(g => g.AskWhere));
        Assert.Equal(["tctn"], lexicon.KnownGaps[0].Phrases.Words.Select(w => w.Written));
        Assert.Equal(["nghĩa vụ quân sự"], lexicon.KnownGaps[1].Phrases.Phrases.Select(p => string.Join(' ', p.Select(w => w.Written))));
        Assert.Empty(lexicon.WeakWords.Words); // a missing file is an empty list
    }

    [Theory]
    [InlineData("abbreviations.txt", "dk đăng ký\n", 1)] // no arrow
    [InlineData("abbreviations.txt", "dk cv => đăng ký\n", 1)] // more than one word on the left
    [InlineData("abbreviations.txt", "# c\ndk =>\n", 2)] // nothing on the right
    [InlineData("synonyms.txt", "a => b => c\n", 1)]
    [InlineData("synonyms.txt", "\nsổ đỏ\n", 2)] // a single phrase is no equivalence
    [InlineData("synonyms.txt", " => sổ đỏ\n", 1)]
    [InlineData("gaps.txt", "# needs\ntrợ cấp thất nghiệp\n", 2)] // a phrase before any "[where to ask]"
    [InlineData("gaps.txt", "[Trung tâm Dịch vụ việc làm]\ntctn\n[ ]\nnvqs\n", 3)] // a section with no name
    public void A_malformed_line_stops_loading_with_file_and_line(string file, string content, int line)
    {
        using var folder = new TempFolder();
        folder.Copy(RepoAges);
        var path = folder.Write(file, content);

        var error = Assert.Throws<CatalogueLoadException>(() => LexiconLoader.Load(folder.Path));

        var problem = Assert.Single(error.Errors, e => e.Record == $"line {line}");
        Assert.Equal(path, problem.File);
        Assert.Contains(path, error.Message);
        Assert.Contains($"line {line}", error.Message);
    }

    [Fact]
    public void The_fingerprint_follows_the_content()
    {
        using var folder = new TempFolder();
        folder.Copy(RepoAges);
        folder.Write("stopwords.txt", "ạ\n");
        var first = LexiconLoader.Load(folder.Path).Fingerprint;
        Assert.Equal(first, LexiconLoader.Load(folder.Path).Fingerprint);

        folder.Write("stopwords.txt", "ạ\nnhé\n");
        Assert.NotEqual(first, LexiconLoader.Load(folder.Path).Fingerprint);

        // The index does not hold the known gaps: changing them needs no new index.
        var second = LexiconLoader.Load(folder.Path).Fingerprint;
        folder.Write("gaps.txt", "[Trung tâm Dịch vụ việc làm]\ntrợ cấp thất nghiệp\n");
        Assert.Equal(second, LexiconLoader.Load(folder.Path).Fingerprint);
    }
}
