using System.CommandLine;
using System.Text.Json;
using CitizenBot.Cli;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.Lookup;

/// <summary>`citizenbot show`, parsed and run in-process with its output captured (no shared Console).</summary>
public sealed class ShowCommandTests
{
    static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { new ShowCommand() };
        // The repository's catalogue explicitly: the test binaries may live outside the checkout.
        string[] withCatalogue = [.. args, "--catalogue", RepoPaths.IndexData, "--index-data", RepoPaths.IndexData];
        var exit = await root.Parse(withCatalogue).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Text_shows_checklist_fees_and_the_province_link()
    {
        var (exit, output, error) = await RunAsync("show", "1.001193", "--province", "Nam Định");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("Thủ tục đăng ký khai sinh\n", output);
        Assert.Contains("Tỉnh/thành phố: Ninh Bình", output);
        Assert.Contains("  [ ] ", output);
        Assert.Contains("Trực tuyến: 1 ngày làm việc; lệ phí: Miễn phí", output);
        Assert.Contains("Cổng dịch vụ công Ninh Bình: https://dichvucong.ninhbinh.gov.vn", output);
        Assert.Contains("Nam Định nay thuộc Ninh Bình", error);
    }

    [Fact]
    public async Task Json_is_the_procedure_view()
    {
        var (exit, output, _) = await RunAsync("show", "1.001193", "--format", "json", "--province", "hue");

        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("1.001193", json.RootElement.GetProperty("code").GetString());
        Assert.Equal("toan-trinh", json.RootElement.GetProperty("online").GetProperty("mode").GetString());
        Assert.Equal("hue", json.RootElement.GetProperty("province").GetProperty("id").GetString());
        Assert.StartsWith("https://dichvucong.gov.vn/", json.RootElement.GetProperty("link").GetProperty("url").GetString());
        Assert.Equal(8, json.RootElement.GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public async Task Markdown_has_a_task_list_and_autolinks()
    {
        var (exit, output, _) = await RunAsync("show", "1.001193", "--format", "markdown");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("# Thủ tục đăng ký khai sinh", output);
        Assert.Contains("\n- [ ] Giấy chứng sinh", output);
        Assert.Contains("<https://dichvucong.gov.vn/", output);
    }

    [Fact]
    public async Task Summary_is_the_same_text_as_the_page_gives()
    {
        var (exit, output, _) = await RunAsync("show", "1.001193", "--format", "summary");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("Thủ tục đăng ký khai sinh (mã 1.001193)\n", output);
    }

    [Theory]
    [InlineData(new[] { "show", "9.999999" }, "Unknown procedure code '9.999999'")]
    [InlineData(new[] { "show", "1.001193", "--province", "Atlantis" }, "Unknown province 'Atlantis'")]
    [InlineData(new[] { "show", "1.001193", "--format", "xml" }, "Unknown format 'xml'")]
    public async Task Bad_input_exits_2_with_a_clear_message(string[] args, string message)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal("", output);
        Assert.Contains(message, error);
    }
}
