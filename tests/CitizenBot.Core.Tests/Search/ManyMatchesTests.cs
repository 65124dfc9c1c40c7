using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Search;

/// <summary>
/// A question matching more procedures than are reranked (large catalogues) is cut to the best by BM25 first; the
/// procedure named for it must survive that cut.
/// </summary>
public sealed class ManyMatchesTests : IDisposable
{
    readonly TempFolder _folder = new();

    [Fact]
    public void The_procedure_named_for_the_question_survives_the_cut()
    {
        // 1,200 procedures whose field holds "thủy sản" (so every one matches), and one whose name says it.
        var crowd = Enumerable.Range(0, 1_200).Select(i => new Procedure
        {
            Code = $"9.{i:000000}", Name = $"Thủ tục hành chính số {i} về kiểm tra định kỳ", Field = "Thủy sản",
        });
        Procedure named = new() { Code = "1.004344", Name = "Cấp giấy phép khai thác thủy sản", Field = "Thủy sản" };
        var catalogue = new InMemoryCatalogue([.. crowd, named], []);
        var searcher = SearchEngine.Open(catalogue, LexiconLoader.Load(RepoFolders.Analysis), Path.Combine(_folder.Path, "many.db")).Searcher;

        var result = searcher.Search(new SearchRequest("xin giấy phép khai thác thủy sản"));

        Assert.Equal("1.004344", result.Hits[0].Procedure.Code);
        Assert.Equal(MatchVerdict.Confident, result.Match);
    }

    public void Dispose() => _folder.Dispose();
}
