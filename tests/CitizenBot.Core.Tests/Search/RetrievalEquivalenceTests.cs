using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Search;

/// <summary>
/// The candidates read from the searcher's in-memory name and field lists are exactly the documents Lucene's retrieval
/// query matches, question by question (the development, independent and tuning sets, whose questions cover typed,
/// unaccented and out-of-scope text; held-out sets are not read here).
/// </summary>
[Collection(NationalSearchCollection.Name)]
public sealed class RetrievalEquivalenceTests(NationalSearchFixture search)
{
    static IEnumerable<string> Questions() =>
        new[]
        {
            Path.Combine(RepoFolders.Shared, "eval", "dev-questions.tsv"),
            Path.Combine(RepoFolders.Root, "tests", "eval", "independent-questions.tsv"),
            Path.Combine(RepoFolders.Root, "tests", "eval", "tuning-questions-a.tsv"),
        }
        .SelectMany(File.ReadLines)
        .Where(line => line.Trim().Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Split('\t'))
        .Where(columns => columns.Length >= 4 && columns[3].Trim().Length > 0)
        .Select(columns => columns[3]);

    [Fact]
    public void In_memory_candidates_are_what_the_retrieval_query_matches()
    {
        Assert.True(search.Searcher.RetrievesInMemory);
        var questions = Questions().Append("đăng ký").Append("cấp giấy").Append("thủ tục hành chính").ToList();
        var read = 0;
        foreach (var question in questions)
        {
            var (inMemory, byLucene) = search.Searcher.CandidatesBothWays(question);
            Assert.True(byLucene.SequenceEqual(inMemory), $"'{question}': {inMemory.Length} in memory, {byLucene.Length} by Lucene");
            if (inMemory.Length > 0) read++;
        }
        Assert.True(questions.Count > 200, $"{questions.Count} questions");
        Assert.True(read > questions.Count / 2, $"{read} of {questions.Count} questions retrieved anything");
    }
}
