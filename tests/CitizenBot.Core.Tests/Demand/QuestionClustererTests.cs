using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Demand;

public sealed class QuestionClustererTests
{
    static readonly string[] Questions =
    [
        // One need, written five ways: accents or not, typos, word order, filler.
        "xin giấy phép nuôi chó",
        "xin giay phep nuoi cho",
        "giấy phép nuôi chó mèo",
        "xin giấy phép nuôi chố",
        "nuôi chó có cần xin giấy phép",
        // Another need.
        "đăng ký bán hàng online",
        "dang ky ban hang onlien",
        "đăng ký bán hàng qua mạng online",
        // And one on its own.
        "hỏi về trợ cấp thất nghiệp cho người nước ngoài",
    ];

    [Fact]
    public void Near_duplicates_and_spelling_variants_fall_into_one_cluster_and_different_needs_do_not()
    {
        var clusters = QuestionClusterer.Cluster(Questions, q => q);

        Assert.Equal(3, clusters.Count);
        Assert.Equal(5, clusters[0].Items.Count);
        Assert.All(clusters[0].Items, q => Assert.Contains(q, Questions[..5]));
        Assert.Equal(3, clusters[1].Items.Count);
        Assert.All(clusters[1].Items, q => Assert.Contains(q, Questions[5..8]));
        Assert.Single(clusters[2].Items);
    }

    [Fact]
    public void Questions_without_a_shared_word_join_when_the_search_brings_up_the_same_procedures()
    {
        DemandCandidate[] military = [new("1.001303", 0.25), new("3.000349", 0.22), new("1.003777", 0.19)];
        var asked = new (string Text, DemandCandidate[] Candidates)[]
        {
            ("nvqs", military),
            ("nhập ngũ", military),
            ("giá vàng", [new("2.000001", 0.1), new("2.000002", 0.1), new("2.000003", 0.1)]),
        };

        var byWords = QuestionClusterer.Cluster(asked, a => a.Text);
        var withCandidates = QuestionClusterer.Cluster(asked, a => a.Text, a => a.Candidates, ClusterSettings.Default with { CandidateWeight = 1 });
        var byDefault = QuestionClusterer.Cluster(asked, a => a.Text, a => a.Candidates);

        Assert.Equal(3, byWords.Count);
        Assert.Equal(2, withCandidates.Count);
        Assert.Equal(["nhập ngũ", "nvqs"], withCandidates[0].Items.Select(a => a.Text).Order(StringComparer.Ordinal));
        Assert.Equal(3, byDefault.Count); // candidates count only when asked for (ClusterSettings.Default has weight 0)
    }

    [Fact]
    public void Story_words_of_the_lexicon_do_not_make_questions_alike_nor_keep_paraphrases_apart()
    {
        // Who asks and how ("cho em hỏi", "con", "xã", "online") against what is needed ("dạy bơi", "phạt nguội").
        string[] asked =
        [
            "cho em hỏi con đăng ký học bơi ở xã",
            "học bơi hè",
            "cho em hỏi con tra cứu phạt nguội ở xã",
            "phạt nguội online",
        ];
        var story = StoryWords.Of("cho em hỏi", "con", "ở", "xã", "online");

        var byAllWords = QuestionClusterer.Cluster(asked, q => q);
        var byNeed = QuestionClusterer.Cluster(asked, q => q, storyWords: story);

        Assert.Contains(byAllWords, c => c.Items.Contains(asked[0]) && c.Items.Contains(asked[2]));
        Assert.Equal(["cho em hỏi con tra cứu phạt nguội ở xã|phạt nguội online", "cho em hỏi con đăng ký học bơi ở xã|học bơi hè"],
            byNeed.Select(c => string.Join('|', c.Items.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal));
        Assert.Equal(["hoc", "boi", "he"], story.Drop(QuestionClusterer.Tokens("cho em hỏi học bơi hè ở xã")));
    }

    [Fact]
    public void Initials_spelled_out_join_a_question_that_writes_them_to_one_that_spells_them_out()
    {
        // "nvqs" and "nghĩa vụ quân sự" share no word; spelled out, "quân" is read as the story word "quận" like the
        // question that writes it.
        string[] asked = ["hoãn nvqs", "hoãn nghĩa vụ quân sự khi đi học", "hoãn thi", "đăng ký kết hôn"];
        var story = StoryWords.Of("quận", "khi", "đi");
        var spelling = story.With(new Dictionary<string, string> { ["NVQS"] = "nghĩa vụ quân sự" });

        // A word of one question alone counted fully: at half weight "hoãn" alone would join the first two.
        var settings = ClusterSettings.Default with { LoneWeight = 1 };
        var byWords = QuestionClusterer.Cluster(asked, q => q, settings: settings, storyWords: story);
        var spelledOut = QuestionClusterer.Cluster(asked, q => q, settings: settings, storyWords: spelling);

        Assert.DoesNotContain(byWords, c => c.Items.Contains(asked[0]) && c.Items.Contains(asked[1]));
        Assert.Contains(spelledOut, c => c.Items.Count == 2 && c.Items.Contains(asked[0]) && c.Items.Contains(asked[1]));
        Assert.Equal(["nghia", "vu", "su"], spelling.SpelledOut("nvqs"));
        Assert.Empty(spelling.SpelledOut("hoan"));
        Assert.Empty(story.SpelledOut("nvqs"));
        // The signature (what marks name) is the question's own words: spelling out changes features, not identity.
        Assert.Equal("hoan nvqs", spelledOut.Single(c => c.Items.Contains(asked[0])).Signatures.Single(s => s.Contains("nvqs")));
    }

    [Fact]
    public void The_initials_file_is_read_with_its_comments_and_a_bad_line_stops_loading_with_its_line()
    {
        using var folder = new TempFolder();
        var lexicon = LexiconLoader.Load(RepoFolders.Analysis);
        Assert.Empty(StoryWords.Load(lexicon, folder.Path).SpelledOut("nvqs")); // no demand/ folder: nothing spelled out

        folder.Write("demand/abbreviations.txt", "# initials\nnvqs => nghĩa vụ quân sự\n\nxklđ => xuất khẩu lao động\n");
        var loaded = StoryWords.Load(lexicon, folder.Path);
        Assert.Equal(["nghia", "vu", "su"], loaded.SpelledOut("nvqs")); // "quân" folds to the lexicon's "quận"
        Assert.Equal(["xuat", "khau", "lao", "dong"], loaded.SpelledOut("xkld"));

        foreach (var (content, line) in new[]
        {
            ("nvqs => nghĩa vụ quân sự\nbhxh bảo hiểm xã hội\n", "line 2"),
            ("nvqs => \n", "line 1"),
            ("nv qs => nghĩa vụ quân sự\n", "line 1"),
            ("# x\nnvqs => nghĩa vụ quân sự\nnvqs => nghĩa vụ\n", "line 3"),
        })
        {
            folder.Write("demand/abbreviations.txt", content);
            var error = Assert.Throws<CatalogueLoadException>(() => StoryWords.Load(lexicon, folder.Path));
            Assert.Equal(line, Assert.Single(error.Errors).Record);
        }
    }

    [Fact]
    public void The_repository_initials_load_and_spell_out_words_the_lexicon_does_not_drop()
    {
        var words = StoryWords.Load(LexiconLoader.Load(RepoFolders.Analysis), RepoFolders.IndexData);
        var lines = File.ReadLines(Path.Combine(RepoFolders.IndexData, StoryWords.DemandFolder, "abbreviations.txt"))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#')).ToList();
        Assert.True(lines.Count >= 20, $"{lines.Count} lines");
        Assert.Equal([], lines.Where(l => words.SpelledOut(QuestionClusterer.Tokens(l.Split("=>")[0]).Single()).Count == 0).ToArray());
        Assert.Equal(["nghia", "vu", "su"], words.SpelledOut("nvqs"));
    }

    [Fact]
    public void With_bigrams_two_words_side_by_side_join_questions_that_the_same_syllables_in_another_order_do_not()
    {
        // All three share "alpha", "beta" and "gamma"; only the first two have them in the same order.
        string[] asked = ["one alpha beta gamma", "alpha beta gamma two three", "gamma beta alpha four five"];

        var byWords = QuestionClusterer.Cluster(asked, q => q);
        // Words and pairs of one question alone counted fully, so that the order of the shared words decides.
        var withBigrams = QuestionClusterer.Cluster(asked, q => q, settings: ClusterSettings.Default with { BigramWeight = 1, LoneWeight = 1 });

        Assert.Single(byWords); // ClusterSettings.Default compares words alone
        Assert.Equal(["alpha beta gamma two three|one alpha beta gamma", "gamma beta alpha four five"],
            withBigrams.Select(c => string.Join('|', c.Items.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_word_no_other_question_has_weighs_half_so_a_long_story_still_meets_the_short_question_of_its_need()
    {
        // The long question's sixteen words of its own can join nothing; at full weight they push it below the threshold.
        string[] asked = ["alpha beta", "alpha beta " + string.Join(' ', Enumerable.Range(0, 16).Select(i => "story" + (char)('a' + i)))];

        Assert.Equal(2, QuestionClusterer.Cluster(asked, q => q, settings: ClusterSettings.Default with { LoneWeight = 1 }).Count);
        Assert.Single(QuestionClusterer.Cluster(asked, q => q));
    }

    [Fact]
    public void A_chain_of_look_alikes_whose_ends_share_nothing_is_not_one_cluster()
    {
        // Each question shares a word with the next: linking to the nearest member would chain all three into one
        // cluster; on average the third is too unlike the first two.
        var clusters = QuestionClusterer.Cluster(["alpha beta", "beta gamma", "gamma delta"], q => q);

        Assert.Equal(["alpha beta|beta gamma", "gamma delta"], clusters.Select(c => string.Join('|', c.Items.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal));
        Assert.Equal(0.457, QuestionClusterer.WeightedSimilarity(["alpha", "beta"], ["beta", "gamma"], w => w is "beta" or "gamma" ? Math.Log(2.2) : Math.Log(3)), 3);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_of_the_questions()
    {
        var expected = Describe(QuestionClusterer.Cluster(Questions, q => q));
        var random = new Random(11);
        for (var i = 0; i < 20; i++)
            Assert.Equal(expected, Describe(QuestionClusterer.Cluster(Questions.OrderBy(_ => random.Next()).ToList(), q => q)));
    }

    [Fact]
    public void Placeholders_of_scrubbed_personal_data_do_not_make_questions_alike()
    {
        var a = QuestionClusterer.Words("[TÊN] [SĐT] làm hộ chiếu");
        var b = QuestionClusterer.Words("[TÊN] [SĐT] đăng ký kết hôn");
        Assert.Equal(["chieu", "ho", "lam"], a);
        Assert.True(QuestionClusterer.Similarity(a, b) < QuestionClusterer.Threshold);
    }

    [Theory]
    [InlineData("dang ky ket hon", "đăng ký kết hôn", 1.0)]
    [InlineData("dang ky ket hon", "dang ky khai sinh", 2 / 6.0)]
    [InlineData("lam ho chieu", "lam ho chieuu", 1.0)]
    [InlineData("", "", 1.0)]
    [InlineData("ab cd", "", 0.0)]
    public void Similarity_is_fuzzy_jaccard_of_folded_words(string a, string b, double expected) =>
        Assert.Equal(expected, QuestionClusterer.Similarity(QuestionClusterer.Words(a), QuestionClusterer.Words(b)), 3);

    static string Describe<T>(IReadOnlyList<QuestionCluster<T>> clusters) =>
        string.Join(" | ", clusters.Select(c => c.Key + ":" + string.Join(",", c.Items.Select(i => i!.ToString()).Order(StringComparer.Ordinal))));
}
