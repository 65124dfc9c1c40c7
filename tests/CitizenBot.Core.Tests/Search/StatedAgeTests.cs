using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Search;

public sealed class StatedAgeTests
{
    /// <summary>The repository's age words (index-data/analysis/ages.txt), as the host's lexicon loads them.</summary>
    static readonly StatedAge Ages = LexiconLoader.Load(RepoFolders.Analysis).StatedAge!;

    [Theory]
    [InlineData("còn làm căn cước cho con em 6 tuổi thì sao", new[] { 6 })]
    [InlineData("con e 6tuoi co phai dan theo ko", new[] { 6 })]
    [InlineData("bé nhà em mới 8 tháng tuổi", new[] { 0 })]
    [InlineData("em ở trọ 6 tháng thôi", new int[0])] // a stay, not an age
    [InlineData("vay 50t ngân hàng", new int[0])] // "t" is as often millions
    [InlineData("làm căn cước ở đâu", new int[0])]
    [InlineData("à nhầm, đứa lớn 15 tuổi rồi chứ k phải bé 9 tuổi", new[] { 15 })] // an age denied is not stated
    [InlineData("con em không phải 6 tuổi mà 16 tuổi", new[] { 16 })]
    [InlineData("làm căn cước cho con dưới 14 tuổi", new[] { 13 })] // a bound: an age below it, not the bound itself
    [InlineData("cho con chua du 14 tuoi", new[] { 13 })]
    [InlineData("trợ cấp cho người trên 80 tuổi", new[] { 81 })]
    [InlineData("đăng ký kết hôn 20 tuổi được chưa", new[] { 20 })] // "hôn" folds like "hơn" but is no bound
    public void A_question_states_ages_in_years(string question, int[] ages) =>
        Assert.Equal(ages, Ages.InQuestion(question));

    [Theory]
    [InlineData("Cấp thẻ căn cước cho người dưới 14 tuổi", 0, 13)]
    [InlineData("Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", 14, int.MaxValue)]
    [InlineData("Cấp thẻ BHYT cho trẻ em dưới 6 tuổi", 0, 5)]
    [InlineData("Trợ cấp cho người trên 80 tuổi", 81, int.MaxValue)]
    public void A_name_states_an_age_range(string name, int min, int max) =>
        Assert.Equal((min, max), Ages.InName(name));

    [Fact]
    public void A_name_without_an_age_states_no_range() => Assert.Null(Ages.InName("Cấp lại thẻ căn cước"));

    [Theory]
    [InlineData("Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", true)]
    [InlineData("Cấp thẻ căn cước cho người dưới 14 tuổi", false)]
    [InlineData("Cấp đổi thẻ căn cước", false)] // states no age: nothing to contradict
    public void A_six_year_old_is_outside_the_adult_range(string name, bool excluded) =>
        Assert.Equal(excluded, Ages.Excludes([6], name));

    [Fact]
    public void Excluded_candidates_go_after_the_others_in_their_order()
    {
        string[] ranked = ["Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", "Cấp thẻ căn cước cho người dưới 14 tuổi", "Cấp đổi thẻ căn cước"];
        Assert.Equal(["Cấp thẻ căn cước cho người dưới 14 tuổi", "Cấp đổi thẻ căn cước", "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên"],
            Ages.Apply(ranked.ToList(), n => n, "làm căn cước cho con 6 tuổi"));
    }

    [Fact]
    public void A_question_for_those_under_an_age_keeps_the_procedure_for_that_range_first()
    {
        string[] ranked = ["Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", "Cấp thẻ căn cước cho người dưới 14 tuổi"];
        Assert.Equal(["Cấp thẻ căn cước cho người dưới 14 tuổi", "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên"],
            Ages.Apply(ranked.ToList(), n => n, "làm căn cước cho con dưới 14 tuổi"));
    }

    [Fact]
    public void Without_a_stated_age_or_when_every_candidate_is_excluded_the_ranking_stays()
    {
        List<string> adults = ["Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", "Trợ cấp cho người trên 80 tuổi"];
        Assert.Equal(adults, Ages.Apply(adults, n => n, "làm căn cước ở đâu"));
        Assert.Equal(adults, Ages.Apply(adults, n => n, "con em 6 tuổi"));
    }

    [Theory]
    [InlineData("Bé nhà mình 9 tuổi, hè này đi du lịch", "Bé nhà mình  , hè này đi du lịch")]
    [InlineData("con e 6tuoi co phai dan theo ko", "con e   co phai dan theo ko")]
    [InlineData("bé 8 tháng tuổi", "bé  ")]
    [InlineData("làm căn cước ở đâu", "làm căn cước ở đâu")]
    public void Without_its_ages_a_topic_keeps_its_other_words(string text, string without) =>
        Assert.Equal(without, Ages.Without(text));

    [Fact]
    public void A_bad_or_missing_section_of_the_age_words_stops_loading_with_file_and_line()
    {
        using var folder = new TempFolder();
        var words = File.ReadAllText(Path.Combine(RepoFolders.Analysis, AgeWords.FileName));
        Assert.Contains("[above]\ntrên\nlớn hơn\n", words);
        var path = folder.Write(AgeWords.FileName, words.Replace("[above]\ntrên\nlớn hơn\n", "") + "\n[ages]\nđủ tuổi\n[years]\ntuổi\n[months]\ntháng …\n");
        int LineOf(string line) => Array.LastIndexOf(File.ReadAllLines(path), line) + 1;

        var error = Assert.Throws<CatalogueLoadException>(() => LexiconLoader.Load(folder.Path));

        Assert.All(error.Errors, e => Assert.Equal(path, e.File));
        Assert.Contains(error.Errors, e => e.Field == "[above]" && e.Message.Contains("missing or empty"));
        Assert.Contains(error.Errors, e => e.Record == $"line {LineOf("[ages]")}" && e.Message.Contains("unknown section"));
        Assert.Contains(error.Errors, e => e.Record == $"line {LineOf("đủ tuổi")}" && e.Message.Contains("outside a [section]"));
        Assert.Contains(error.Errors, e => e.Record == $"line {LineOf("tuổi")}" && e.Message.Contains("already listed under [years]"));
        Assert.Contains(error.Errors, e => e.Record == $"line {LineOf("tháng …")}" && e.Message.Contains("no '#' or '…'"));
        Assert.Contains($"{path}", error.Message);
    }

    [Fact]
    public void Missing_age_words_stop_loading_with_the_file_named()
    {
        using var folder = new TempFolder();
        folder.Write("stopwords.txt", "ạ\n");

        var error = Assert.Throws<CatalogueLoadException>(() => LexiconLoader.Load(folder.Path));

        var missing = Assert.Single(error.Errors);
        Assert.Equal(Path.Combine(folder.Path, AgeWords.FileName), missing.File);
        Assert.Contains("file not found", missing.Message);
        Assert.Contains(Path.Combine(folder.Path, AgeWords.FileName), error.Message);
    }

    [Fact]
    public void Each_lexicon_reads_ages_with_its_own_words()
    {
        using var folder = new TempFolder();
        var path = folder.Copy(Path.Combine(RepoFolders.Analysis, AgeWords.FileName));
        File.WriteAllText(path, File.ReadAllText(path).Replace("[years]\ntuổi\n", "[years]\ntuổi\nt\n"));
        var own = LexiconLoader.Load(folder.Path).StatedAge!;

        Assert.Equal([50], own.InQuestion("con em 50t"));
        Assert.Empty(Ages.InQuestion("con em 50t")); // the repository's lexicon, loaded before, reads it as before
    }

    [Fact]
    public void The_age_words_are_no_part_of_the_lexicon_fingerprint()
    {
        using var folder = new TempFolder();
        folder.Write("stopwords.txt", "ạ\n");
        var path = folder.Copy(Path.Combine(RepoFolders.Analysis, AgeWords.FileName));
        var before = LexiconLoader.Load(folder.Path).Fingerprint;
        File.WriteAllText(path, File.ReadAllText(path).Replace("[denial]\n", "[denial]\nđâu phải\n"));
        Assert.Equal(before, LexiconLoader.Load(folder.Path).Fingerprint);
    }
}
