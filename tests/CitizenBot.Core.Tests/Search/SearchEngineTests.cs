using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Search;

/// <summary>The index directory is reused while it matches the catalogue and lexicon, and rebuilt when either changes.</summary>
public sealed class SearchEngineTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly Lexicon _lexicon = LexiconLoader.Load(RepoFolders.Analysis);
    readonly IReadOnlyList<Province> _provinces = IndexDataLoader.LoadProvinces(RepoFolders.Provinces);

    string IndexPath => Path.Combine(_folder.Path, "data", "search-index");

    long IndexBytes => new DirectoryInfo(IndexPath).GetFiles().Sum(f => f.Length);

    DateTime LastWrite => new DirectoryInfo(IndexPath).GetFiles().Max(f => f.LastWriteTimeUtc);

    InMemoryCatalogue Catalogue(params Procedure[] extra) => new([.. TinyIndex.Procedures, .. extra], _provinces);

    static readonly Procedure Passport = new()
    {
        Code = "1.010386", Name = "Trình báo mất hộ chiếu phổ thông", Field = "Xuất nhập cảnh",
        NationalUrl = "https://dichvucong.gov.vn/p/1.010386",
        ProvinceUrls = new Dictionary<string, string> { ["ha-noi"] = "https://dichvucong.hanoi.gov.vn/bao-mat-ho-chieu" },
    };

    [Fact]
    public void Builds_on_first_open_then_reuses_the_index()
    {
        var (searcher, built) = SearchEngine.Open(Catalogue(), _lexicon, IndexPath);
        Assert.NotNull(built);
        Assert.Equal(TinyIndex.Procedures.Count, built.Documents);
        Assert.True(Directory.Exists(IndexPath));
        Assert.Equal(built.Bytes, IndexBytes);
        Assert.Equal("1.001193", searcher.Search(new SearchRequest("khai sinh")).Hits[0].Procedure.Code);

        var writeTime = LastWrite;
        var (again, rebuilt) = SearchEngine.Open(Catalogue(), _lexicon, IndexPath);
        Assert.Null(rebuilt);
        Assert.Equal(writeTime, LastWrite);
        Assert.Equal("1.001193", again.Search(new SearchRequest("khai sinh")).Hits[0].Procedure.Code);
    }

    [Fact]
    public void A_changed_catalogue_is_reindexed()
    {
        SearchEngine.Open(Catalogue(), _lexicon, IndexPath);
        var before = SearchIndexBuilder.ReadFingerprint(IndexPath);

        var (searcher, built) = SearchEngine.Open(Catalogue(Passport), _lexicon, IndexPath);

        Assert.NotNull(built);
        Assert.NotEqual(before, SearchIndexBuilder.ReadFingerprint(IndexPath));
        Assert.Equal("1.010386", searcher.Search(new SearchRequest("báo mất hộ chiếu")).Hits[0].Procedure.Code);
    }

    [Fact]
    public void An_edited_procedure_is_reindexed()
    {
        SearchEngine.Open(Catalogue(), _lexicon, IndexPath);
        var renamed = TinyIndex.Procedures.Select(p => p.Code == "1.004194" ? p with { Aliases = ["khai báo chỗ ở trọ"] } : p).ToList();

        var (searcher, built) = SearchEngine.Open(new InMemoryCatalogue(renamed, _provinces), _lexicon, IndexPath);

        Assert.NotNull(built);
        Assert.Equal("1.004194", searcher.Search(new SearchRequest("khai báo chỗ ở trọ")).Hits[0].Procedure.Code);
    }

    [Fact]
    public void A_changed_lexicon_is_reindexed()
    {
        SearchEngine.Open(Catalogue(), _lexicon, IndexPath);
        var other = new Lexicon(_lexicon.Stops, _lexicon.WeakWords, _lexicon.Abbreviations, _lexicon.Synonyms) { StatedAge = _lexicon.StatedAge, Fingerprint = "0123456789ABCDEF" };

        Assert.NotNull(SearchEngine.Open(Catalogue(), other, IndexPath).Built);
        Assert.Null(SearchEngine.Open(Catalogue(), other, IndexPath).Built);
    }

    [Fact]
    public void The_fingerprint_depends_on_content_not_on_instances()
    {
        Assert.Equal(SearchEngine.Fingerprint(Catalogue(), _lexicon), SearchEngine.Fingerprint(Catalogue(), LexiconLoader.Load(RepoFolders.Analysis)));
        Assert.NotEqual(SearchEngine.Fingerprint(Catalogue(), _lexicon), SearchEngine.Fingerprint(Catalogue(Passport), _lexicon));
    }

    [Fact]
    public void A_forced_rebuild_rebuilds()
    {
        SearchEngine.Open(Catalogue(), _lexicon, IndexPath);
        Assert.NotNull(SearchEngine.Open(Catalogue(), _lexicon, IndexPath, forceRebuild: true).Built);
    }

    [Fact]
    public void A_file_where_the_index_belongs_is_replaced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(IndexPath)!);
        File.WriteAllText(IndexPath, "SQLite format 3"); // an FTS5 index file of an older version
        Assert.Null(SearchIndexBuilder.ReadFingerprint(IndexPath));

        var (searcher, built) = SearchEngine.Open(Catalogue(), _lexicon, IndexPath);

        Assert.NotNull(built);
        Assert.NotEmpty(searcher.Search(new SearchRequest("kết hôn")).Hits);
    }

    [Fact]
    public void A_directory_that_is_not_an_index_is_rebuilt()
    {
        Directory.CreateDirectory(IndexPath);
        File.WriteAllText(Path.Combine(IndexPath, "segments_1"), "damaged");
        Assert.Null(SearchIndexBuilder.ReadFingerprint(IndexPath));

        var (searcher, built) = SearchEngine.Open(Catalogue(), _lexicon, IndexPath);

        Assert.NotNull(built);
        Assert.NotEmpty(searcher.Search(new SearchRequest("kết hôn")).Hits);
    }

    [Fact]
    public void A_searcher_open_during_a_rebuild_keeps_answering_from_its_own_index()
    {
        var (before, _) = SearchEngine.Open(Catalogue(), _lexicon, IndexPath);
        Assert.DoesNotContain(before.Search(new SearchRequest("báo mất hộ chiếu")).Hits, h => h.Procedure.Code == Passport.Code);

        var (after, built) = SearchEngine.Open(Catalogue(Passport), _lexicon, IndexPath);

        Assert.NotNull(built);
        Assert.Equal(Passport.Code, after.Search(new SearchRequest("báo mất hộ chiếu")).Hits[0].Procedure.Code);
        Assert.Equal("1.001193", before.Search(new SearchRequest("khai sinh")).Hits[0].Procedure.Code);
    }

    [Fact]
    public async Task Hosts_opening_one_stale_index_together_build_it_once_and_all_search_it()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SearchEngine.Open(Catalogue(), _lexicon, IndexPath))));

        Assert.Single(opened, o => o.Built is not null);
        Assert.All(opened, o => Assert.Equal("1.001193", o.Searcher.Search(new SearchRequest("khai sinh")).Hits[0].Procedure.Code));
    }

    [Fact]
    public async Task Concurrent_questions_get_the_answers_they_get_alone()
    {
        var (searcher, _) = SearchEngine.Open(Catalogue(Passport), _lexicon, IndexPath);
        string[] questions = ["khai sinh", "báo mất hộ chiếu", "kết hôn", "tạm trú"];
        var alone = questions.Select(q => searcher.Search(new SearchRequest(q)).Hits.Select(h => h.Procedure.Code).ToList()).ToList();

        var together = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            (i % questions.Length, searcher.Search(new SearchRequest(questions[i % questions.Length])).Hits.Select(h => h.Procedure.Code).ToList()))));

        Assert.All(together, t => Assert.Equal(alone[t.Item1], t.Item2));
    }

    [Fact]
    public void The_province_chooses_the_link()
    {
        var (searcher, _) = SearchEngine.Open(Catalogue(Passport), _lexicon, IndexPath);

        var hanoi = searcher.Search(new SearchRequest("báo mất hộ chiếu", 1, "Hà Nội"));
        Assert.Equal("https://dichvucong.hanoi.gov.vn/bao-mat-ho-chieu", hanoi.Hits[0].Url);
        Assert.Equal("ha-noi", hanoi.Province?.Id);

        var namDinh = searcher.Search(new SearchRequest("báo mất hộ chiếu", 1, "Nam Định")); // now part of Ninh Bình
        Assert.Equal("https://dichvucong.gov.vn/p/1.010386", namDinh.Hits[0].Url);
        Assert.Equal("ninh-binh", namDinh.Province?.Id);

        var nowhere = searcher.Search(new SearchRequest("báo mất hộ chiếu", 1));
        Assert.Equal("https://dichvucong.gov.vn/p/1.010386", nowhere.Hits[0].Url);
        Assert.Null(nowhere.Province);
    }

    /// <summary>A national file of the given records of the national catalogue, in that order.</summary>
    string NationalFile(params string[] codes)
    {
        var lines = File.ReadLines(RepoFolders.NationalCatalogue).ToList();
        return _folder.Write("national.jsonl", string.Join('\n',
            codes.Select(code => lines.Single(l => l.StartsWith($"{{\"ma_thu_tuc\": \"{code}\"", StringComparison.Ordinal)))));
    }

    [Fact]
    public void A_national_file_is_indexed_as_read_then_reused_until_it_changes()
    {
        // The district-level lost-passport report comes before the province-level one we curate: indexed, then replaced.
        var path = NationalFile("1.010385", "1.012544", "1.001445");
        var (loaded, searcher, built) = SearchEngine.Open(path, RepoFolders.IndexData, _lexicon, IndexPath);

        Assert.NotNull(built);
        Assert.Equal(3, built.Documents);
        Assert.Equal(["1.010385", "1.012544", "1.001445"], loaded.Catalogue.Procedures.Select(p => p.Code));
        using (var directory = Lucene.Net.Store.FSDirectory.Open(IndexPath))
        using (var reader = Lucene.Net.Index.DirectoryReader.Open(directory))
        {
            Assert.Equal(3, reader.MaxDoc);
            Assert.Equal(2, reader.DocFreq(new Lucene.Net.Index.Term(SearchIndex.Name, "passport")));
        }
        Assert.Contains(searcher.Search(new SearchRequest("báo mất passport")).Hits[0].Procedure.Code, new[] { "1.001445", "1.010385" });

        var writeTime = LastWrite;
        var again = SearchEngine.Open(path, RepoFolders.IndexData, _lexicon, IndexPath);
        Assert.Null(again.Built);
        Assert.Equal(writeTime, LastWrite);
        Assert.Equal(3, again.Loaded.Catalogue.Procedures.Count);

        File.AppendAllText(path, "\n");
        Assert.NotNull(SearchEngine.Open(path, RepoFolders.IndexData, _lexicon, IndexPath).Built);
        var changedLexicon = new Lexicon(_lexicon.Stops, _lexicon.WeakWords, _lexicon.Abbreviations, _lexicon.Synonyms) { StatedAge = _lexicon.StatedAge, Fingerprint = "0123456789ABCDEF" };
        Assert.NotNull(SearchEngine.Open(path, RepoFolders.IndexData, changedLexicon, IndexPath).Built);
    }

    [Fact]
    public void A_national_file_that_cannot_be_read_leaves_the_index_as_it_was()
    {
        var path = NationalFile("1.012544");
        SearchEngine.Open(path, RepoFolders.IndexData, _lexicon, IndexPath);
        var before = SearchIndexBuilder.ReadFingerprint(IndexPath);

        File.WriteAllText(path, "not json\n{\"ten_thu_tuc\": \"no code\"}\n");
        Assert.Throws<CatalogueLoadException>(() => SearchEngine.Open(path, RepoFolders.IndexData, _lexicon, IndexPath, forceRebuild: true));
        Assert.Equal(before, SearchIndexBuilder.ReadFingerprint(IndexPath));
    }

    public void Dispose() => _folder.Dispose();
}
