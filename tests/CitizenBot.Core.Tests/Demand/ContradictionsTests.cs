using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Demand;

/// <summary>
/// Grouping keeps two needs on one topic apart when they name contradicting requests or different numbers
/// (<see cref="Contradictions"/>, index-data/demand/contradictions.txt).
/// </summary>
public sealed class ContradictionsTests
{
    static Contradictions Written(string content)
    {
        using var folder = new TempFolder();
        return Contradictions.Load(folder.Write(Contradictions.FileName, content));
    }

    static readonly Contradictions Military = Written("[requests]\nđăng ký | hoãn, tạm hoãn\nhoãn, tạm hoãn | miễn\n");

    static string[] Groups(IEnumerable<QuestionCluster<string>> clusters) =>
        clusters.Select(c => string.Join('|', c.Items.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal).ToArray();

    /// <summary>What a question names, "key=value,value" each.</summary>
    static string[] Named(Contradictions contradictions, string question) =>
        contradictions.Named(QuestionClusterer.Tokens(question)).Select(n => n.Key + "=" + string.Join(',', n.Values)).ToArray();

    [Fact]
    public void Questions_naming_contradicting_requests_on_one_topic_are_kept_apart_and_each_request_s_paraphrases_join()
    {
        string[] asked = ["tạm hoãn nghĩa vụ quân sự", "xin hoãn nghĩa vụ quân sự đi học", "miễn nghĩa vụ quân sự", "miễn nghĩa vụ quân sự con một"];

        var byWords = QuestionClusterer.Cluster(asked, q => q, storyWords: StoryWords.Of("xin", "đi"));
        var apart = QuestionClusterer.Cluster(asked, q => q, storyWords: StoryWords.Of("xin", "đi").With(Military));

        Assert.Single(byWords); // the topic's words make them alike
        Assert.Equal(["miễn nghĩa vụ quân sự|miễn nghĩa vụ quân sự con một", "tạm hoãn nghĩa vụ quân sự|xin hoãn nghĩa vụ quân sự đi học"], Groups(apart));
    }

    [Fact]
    public void Two_groups_holding_a_contradicting_pair_never_merge_however_alike_the_rest_of_them_is()
    {
        // "nghĩa vụ quân sự" names no request: it joins one side, and that group still may not take the other side,
        // though on average (its pair with the third counted) the two groups would be alike enough.
        string[] asked = ["hoãn nghĩa vụ quân sự", "miễn nghĩa vụ quân sự", "nghĩa vụ quân sự", "nghĩa vụ quân sự"];

        var clusters = QuestionClusterer.Cluster(asked, q => q, storyWords: StoryWords.None.With(Military));

        Assert.DoesNotContain(clusters, c => c.Items.Contains(asked[0]) && c.Items.Contains(asked[1]));
        Assert.Contains(clusters, c => c.Items.Count == 3);
        Assert.Single(QuestionClusterer.Cluster(asked, q => q));
    }

    [Fact]
    public void A_longer_spelling_is_read_first_and_each_word_once()
    {
        var registration = Written("[requests]\nđăng ký | hủy, hủy đăng ký, xóa đăng ký\n");

        Assert.Equal(["#0=1"], Named(registration, "hủy đăng ký tạm trú")); // not "đăng ký" too
        Assert.Equal(["#0=0"], Named(registration, "dang ky tam tru"));
        Assert.Equal(["#0=0,1"], Named(registration, "đăng ký rồi muốn xóa đăng ký"));
        string[] asked = ["hủy đăng ký tạm trú", "huy dang ky tam tru", "đăng ký tạm trú", "dang ky tam tru cho con"];
        Assert.Equal(["dang ky tam tru cho con|đăng ký tạm trú", "huy dang ky tam tru|hủy đăng ký tạm trú"],
            Groups(QuestionClusterer.Cluster(asked, q => q, storyWords: StoryWords.Of("cho", "con").With(registration))));
    }

    [Fact]
    public void A_neutral_phrase_names_no_request_nor_number()
    {
        var contradictions = Written("[requests]\nhoãn | miễn\n[neutral]\nmiễn phí\nhoàn cảnh\nhọc lớp\n[numbered]\nlớp\n");

        Assert.Empty(Named(contradictions, "học nghề miễn phí"));
        Assert.Empty(Named(contradictions, "hoàn cảnh khó khăn")); // folded like "hoãn"
        Assert.Equal(["#0=1"], Named(contradictions, "miễn học phí"));
        Assert.Equal(["lop=6"], Named(contradictions, "con đang học lớp 5 muốn vào lớp 6"));
    }

    [Fact]
    public void Different_numbers_after_a_numbered_head_word_keep_needs_apart_and_a_number_in_words_is_its_digits()
    {
        var grades = Written("[numbered]\nlớp\nhạng\n[numbers]\nmột => 1\nmười => 10\n");
        string[] asked = ["tuyển sinh lớp 1", "tuyen sinh lop một", "tuyển sinh lớp 10", "tuyển sinh vào lớp 10 công lập"];

        Assert.Equal(["lop=1"], Named(grades, "tuyen sinh lop một"));
        Assert.Equal(["lop=10"], Named(grades, "thi vào lớp mười"));
        Assert.Equal(["hang=a1,b2"], Named(grades, "đổi bằng hạng A1 và hạng B2"));
        Assert.Empty(Named(grades, "lớp học bơi"));
        Assert.Single(QuestionClusterer.Cluster(asked, q => q, storyWords: StoryWords.Of("vào")));
        Assert.Equal(["tuyen sinh lop một|tuyển sinh lớp 1", "tuyển sinh lớp 10|tuyển sinh vào lớp 10 công lập"],
            Groups(QuestionClusterer.Cluster(asked, q => q, storyWords: StoryWords.Of("vào").With(grades))));
    }

    [Fact]
    public void The_file_is_optional_and_a_bad_line_stops_loading_with_its_line()
    {
        using var folder = new TempFolder();
        Assert.Empty(Contradictions.Load(Path.Combine(folder.Path, "none.txt")).Named(["hoan", "mien"]));

        foreach (var (content, line) in new[]
        {
            ("[requests]\nhoãn | miễn\nhoãn\n", "line 3"),
            ("[requests]\nhoãn | , miễn\n", "line 2"),
            ("[requests]\nhoãn | miễn, hoãn\n", "line 2"),
            ("hoãn | miễn\n", "line 1"),
            ("# x\n[request]\n", "line 2"),
            ("[numbered]\nlớp học\n", "line 2"),
            ("[numbered]\nlớp1\n", "line 2"),
            ("[numbers]\nmột => một\n", "line 2"),
            ("[numbers]\n=> 1\n", "line 2"),
            ("[neutral]\n…\n", "line 2"),
        })
        {
            var error = Assert.Throws<CatalogueLoadException>(() => Written(content));
            Assert.Equal(line, Assert.Single(error.Errors).Record);
        }
    }

    [Fact]
    public void The_repository_file_loads_with_the_initials_and_keeps_common_twins_apart()
    {
        var words = StoryWords.Load(LexiconLoader.Load(RepoFolders.Analysis), RepoFolders.IndexData);
        IReadOnlyList<(string Key, string[] Values)> Of(string q) => words.Contradictions.Named(QuestionClusterer.Tokens(q));

        Assert.NotEmpty(Of("tạm hoãn nghĩa vụ quân sự"));
        Assert.NotEmpty(Of("xin cấp lại giấy phép lái xe"));
        Assert.Empty(Of("học nghề miễn phí"));
        Assert.Equal(["nghia", "vu", "su"], words.SpelledOut("nvqs")); // the initials still load beside it
        string[] twins = ["tạm hoãn nghĩa vụ quân sự", "miễn nghĩa vụ quân sự", "cấp lại giấy phép lái xe", "gia hạn giấy phép lái xe",
            "tra cứu phạt nguội", "nộp phạt nguội", "tuyển sinh lớp 1", "tuyển sinh lớp 10"];
        Assert.Equal(twins.Length, QuestionClusterer.Cluster(twins, q => q, storyWords: words).Count);
    }
}
