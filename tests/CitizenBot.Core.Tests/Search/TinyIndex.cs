using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Search;

/// <summary>
/// A real index of a handful of procedures, built with the repository's lexicon: a small, known vocabulary for the
/// analysis steps that consult the index (typo correction, accent-aware stop words).
/// </summary>
public sealed class TinyIndex : IDisposable
{
    readonly TempFolder _folder = new();

    public TinyIndex()
    {
        Lexicon = LexiconLoader.Load(RepoFolders.Analysis);
        Analyzer = new VietnameseAnalyzer(Lexicon);
        Catalogue = new InMemoryCatalogue(Procedures, []);
        Searcher = SearchEngine.Open(Catalogue, Lexicon, System.IO.Path.Combine(_folder.Path, "tiny.db")).Searcher;
    }

    public static IReadOnlyList<Procedure> Procedures { get; } =
    [
        new() { Code = "1.001193", Name = "Thủ tục đăng ký khai sinh", Field = "Hộ tịch", Aliases = ["làm giấy khai sinh"] },
        new() { Code = "1.000894", Name = "Thủ tục đăng ký kết hôn", Field = "Hộ tịch" },
        new() { Code = "1.000656", Name = "Thủ tục đăng ký khai tử", Field = "Hộ tịch" },
        new() { Code = "1.004194", Name = "Đăng ký tạm trú", Field = "Đăng ký, quản lý cư trú" },
        new() { Code = "1.001456", Name = "Cấp hộ chiếu phổ thông", Field = "Xuất nhập cảnh", Aliases = ["làm passport"] },
        new() { Code = "3.000346", Name = "Cấp giấy phép lái xe", Field = "Đường bộ", Aliases = ["thi bằng lái xe"] },
    ];

    public Lexicon Lexicon { get; }
    public VietnameseAnalyzer Analyzer { get; }
    public InMemoryCatalogue Catalogue { get; }
    public LuceneSearcher Searcher { get; }
    public IVocabulary Vocabulary => Searcher.Vocabulary;

    public void Dispose() => _folder.Dispose();
}
