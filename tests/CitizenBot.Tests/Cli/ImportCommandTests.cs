using CitizenBot.Cli;
using CitizenBot.Core.Catalogue;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.Cli;

/// <summary>`citizenbot import`: counts, rejected lines with reasons, and index-data files that load back.</summary>
public sealed class ImportCommandTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("citizenbot-import-").FullName;

    [Fact]
    public async Task Reports_counts_and_every_rejected_line()
    {
        var file = Path.Combine(_folder, "portal.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"ma_thu_tuc": "1.000001", "ten_thu_tuc": "Thủ tục một", "linh_vuc": "Hộ tịch", "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1Miễn phí"}""",
            """{"ma_thu_tuc": "1.000001", "ten_thu_tuc": "Trùng"}""",
            """{oops""",
            """{"ma_thu_tuc": "1.000002", "ten_thu_tuc": "Thủ tục hai", "linh_vuc": "Hộ tịch"}""",
        ]);

        var run = await CliRunner.RunAsync("import", file);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{file}: 2 procedures accepted, 2 rejected", lines[0]);
        // The export has no toàn trình flag: no mode is guessed from the methods.
        Assert.Contains("  onlineMode chua-ro: 2", lines);
        Assert.Contains(lines, l => l.StartsWith($"  rejected: {file}, line 2 (1.000001), field 'ma_thu_tuc': duplicate code", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"  rejected: {file}, line 3: invalid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_with_nothing_to_import_is_exit_code_2()
    {
        var file = Path.Combine(_folder, "empty.jsonl");
        await File.WriteAllTextAsync(file, "{oops\n");
        var run = await CliRunner.RunAsync("import", file);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("0 procedures accepted, 1 rejected", run.Output);
    }

    [Fact]
    public async Task Writes_the_national_catalogue_as_index_data_that_loads_back_the_same_both_times()
    {
        var first = Path.Combine(_folder, "first");
        var second = Path.Combine(_folder, "second");

        var run = await CliRunner.RunAsync("import", RepoPaths.NationalCatalogue, "--out", first);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.StartsWith($"{RepoPaths.NationalCatalogue}: 2642 procedures accepted, 0 rejected", run.Output);
        Assert.Contains($"written: {Path.Combine(first, "procedures", "imported.json")}", run.Output);
        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunAsync("import", RepoPaths.NationalCatalogue, "--out", second)).ExitCode);

        // Importing the same file twice gives the same bytes.
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(first, "procedures", "imported.json")),
            await File.ReadAllBytesAsync(Path.Combine(second, "procedures", "imported.json")));

        // The written folder passes the curated loader's validation and says what the import said.
        var written = IndexDataLoader.LoadProcedures(first);
        var imported = NationalPortalImporter.Import(RepoPaths.NationalCatalogue).Procedures.ToDictionary(p => p.Code);
        Assert.Equal(2642, written.Count);
        Assert.Equal(written.Select(p => p.Code).Order(StringComparer.Ordinal), written.Select(p => p.Code));
        Assert.All(written, p =>
        {
            var source = imported[p.Code];
            Assert.Equal((source.Name, source.Field, source.OnlineMode, source.Result, source.NationalUrl), (p.Name, p.Field, p.OnlineMode, p.Result, p.NationalUrl));
            Assert.Equal(source.Methods, p.Methods);
            Assert.Equal(source.Documents, p.Documents);
            Assert.Equal(source.LegalBasis, p.LegalBasis);
            Assert.Equal(source.Steps, p.Steps);
            Assert.Equal(source.Levels, p.Levels);
        });
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
