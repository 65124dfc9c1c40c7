using CitizenBot.Core.Search;
using CitizenBot.Core.Tests.Analysis;
using Lucene.Net.Search;

namespace CitizenBot.Core.Tests.Search;

/// <summary>
/// Whatever a citizen types reaches Lucene only as terms of a query built in code, never parsed: its syntax and control
/// characters neither throw nor change the answer.
/// </summary>
[Collection(CuratedSearchCollection.Name)]
public sealed class QueryRobustnessTests(CuratedSearchFixture search)
{
    static string Answer(SearchResult result) =>
        $"{result.Match}: {string.Join(" ", result.Hits.Select(h => $"{h.Procedure.Code}={h.Score:0.0000}"))} / {result.Normalized}";

    [Theory]
    [InlineData("đăng ký khai sinh", "\"đăng ký\" khai sinh")]
    [InlineData("đăng ký khai sinh", "\"đăng ký khai sinh")] // unbalanced quote
    [InlineData("đăng ký khai sinh", "đăng* ký* khai* sinh*")]
    [InlineData("name đăng body ký khai sinh", "name:đăng body:ký khai sinh")] // column filters are words here
    [InlineData("đăng ký khai sinh", "^đăng ký -khai +sinh")]
    [InlineData("đăng ký khai sinh", "(đăng ký) (khai sinh)")]
    [InlineData("đăng ký khai sinh", "{đăng ký} [khai] sinh;")]
    [InlineData("đăng ký khai sinh drop table docs", "đăng ký khai sinh'); DROP TABLE docs; --")]
    [InlineData("đăng ký khai sinh", "đăng\0ký\u0007khai\u001Bsinh")]
    [InlineData("đăng ký khai sinh", "\u200Bđăng\u200D ký\u202E khai\uFEFF sinh")]
    [InlineData("cap lai the can cuoc", "cap \"lai\" the* ^can (cuoc)")]
    [InlineData("cap lai the can cuoc", "cap:lai:the:can:cuoc")]
    [InlineData("giấy phép lái xe", "giấy - phép - lái - xe")]
    // Operator keywords are plain words: "AND" means what "and" means.
    [InlineData("khai sinh and kết hôn", "khai sinh AND kết hôn")]
    [InlineData("khai sinh or kết hôn", "khai sinh OR kết hôn")]
    [InlineData("not khai sinh", "NOT khai sinh")]
    [InlineData("near khai sinh", "NEAR(khai sinh)")]
    [InlineData("khai sinh near 2 kết hôn", "khai sinh NEAR/2 kết hôn")]
    // Lucene's query syntax: wildcards, fuzzy and proximity, boosts, ranges, escapes.
    [InlineData("khai sinh", "khai? sinh~")]
    [InlineData("khai sinh 2", "\"khai sinh\"~2")]
    [InlineData("khai 4 sinh", "khai^4 sinh")]
    [InlineData("khai sinh", "khai\\ sinh\\")]
    [InlineData("khai sinh to kết hôn", "[khai sinh TO kết hôn]")]
    [InlineData("name khai field sinh", "name:khai field:sinh")] // our own field names are words too
    public void Search_syntax_and_control_characters_do_not_change_the_answer(string plain, string decorated) =>
        Assert.Equal(Answer(search.Search(plain)), Answer(search.Search(decorated)));

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"\"")]
    [InlineData("*")]
    [InlineData("NEAR")]
    [InlineData("AND OR NOT")]
    [InlineData("\0")]
    [InlineData("()")]
    [InlineData(":^-+")]
    [InlineData("😀")]
    [InlineData("ạ")]
    public void Queries_with_nothing_to_search_for_find_nothing(string question)
    {
        var result = search.Search(question);
        Assert.NotEqual(MatchVerdict.Confident, result.Match);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n ")]
    public void An_empty_question_is_refused(string question)
    {
        var error = Assert.Throws<InvalidQueryException>(() => search.Search(question));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void A_question_over_2000_characters_is_refused()
    {
        var question = string.Concat(Enumerable.Repeat("khai sinh ", 201))[..2001];
        var error = Assert.Throws<InvalidQueryException>(() => search.Search(question));
        Assert.Contains("2000", error.Message);
        Assert.Equal(2000, LuceneSearcher.MaxQueryLength);
        Assert.NotEmpty(search.Search(question[..2000]).Hits); // the limit itself is allowed
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(3, 3)]
    [InlineData(500, 50)]
    public void Top_is_kept_between_1_and_50(int top, int expected) =>
        Assert.Equal(expected, search.Search("đăng ký", top).Hits.Count);

    [Fact]
    public void Random_questions_never_throw()
    {
        foreach (var seed in new[] { 11, 12, 13 })
        {
            var random = new RandomText(seed);
            for (var i = 0; i < 150; i++)
            {
                var question = random.Next(300);
                if (string.IsNullOrWhiteSpace(question)) continue;
                var result = search.Search(question);
                Assert.True(result.Hits.Count <= 5);
            }
        }
    }

    [Fact]
    public void The_retrieval_query_holds_each_term_as_it_is_in_name_and_field()
    {
        var query = (BooleanQuery)LuceneSearcher.RetrievalQuery(["khai_sinh", "a\"b", "*", "AND"])!;

        Assert.Equal(["name:khai_sinh^10.0", "field:khai_sinh^3.0", "name:a\"b^10.0", "field:a\"b^3.0", "name:*^10.0", "field:*^3.0", "name:AND^10.0", "field:AND^3.0"],
            query.Clauses.Select(c => c.Query.ToString()));
        Assert.All(query.Clauses, c => Assert.Equal(Occur.SHOULD, c.Occur));
        Assert.Null(LuceneSearcher.RetrievalQuery([]));
    }

    [Fact]
    public void A_question_with_more_terms_than_lucene_allows_clauses_is_split_into_nested_queries()
    {
        var terms = Enumerable.Range(0, 1500).Select(i => $"w{i}").ToList();

        var query = (BooleanQuery)LuceneSearcher.RetrievalQuery(terms)!;

        Assert.All(query.Clauses, c => Assert.True(((BooleanQuery)c.Query).Clauses.Count <= BooleanQuery.MaxClauseCount));
        Assert.Equal(3000, query.Clauses.Sum(c => ((BooleanQuery)c.Query).Clauses.Count));
    }

    [Fact]
    public void A_long_question_of_distinct_words_is_searched()
    {
        // ~500 distinct unknown words: each a retrieval term in name and field, well over 1,024 clauses in one query.
        var question = string.Join(' ', Enumerable.Range(0, 600).Select(i => $"x{i}"))[..2000];
        Assert.Equal(MatchVerdict.None, search.Search(question).Match);
    }

    [Theory]
    [InlineData("khai sinh khai_sinh", "khai sinh")] // both words are asked for: the pair adds nothing
    [InlineData("chieu ho_chieu", "chieu")] // one word is enough: every name with the pair has it
    [InlineData("dang_ky ket hon", "dang_ky ket hon")] // "đăng", "ký" too common to retrieve by: the pair stays
    [InlineData("", "")]
    public void Retrieval_drops_only_word_pairs_whose_words_already_retrieve(string terms, string expected) =>
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            LuceneSearcher.WithoutRedundantPairs(terms.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
}
