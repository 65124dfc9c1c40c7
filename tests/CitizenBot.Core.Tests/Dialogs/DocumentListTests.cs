using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>The chat's full list of documents: the papers of one case under that case's heading, once.</summary>
[Collection(DialogTestCollection.Name)]
public sealed class DocumentListTests(DialogTestData data)
{
    [Fact]
    public async Task Documents_of_a_case_are_listed_under_its_heading()
    {
        const string Case = "Trường hợp một bên là người nước ngoài";
        var procedures = data.Catalogue.Procedures.Select(p => p.Code != "1.000894" ? p : p with
        {
            Documents =
            [
                new RequiredDocument("Tờ khai đăng ký kết hôn", "1 bản chính"),
                new RequiredDocument($"{Case}: Hộ chiếu", "1 bản sao"),
                new RequiredDocument($"{Case}: Giấy xác nhận tình trạng hôn nhân", "1 bản chính"),
            ],
        }).ToList();
        var chat = new TestChat(data, "documents-" + Guid.NewGuid().ToString("N"), catalogue: new InMemoryCatalogue(procedures, data.Catalogue.Provinces));
        await chat.SayAsync("đăng ký kết hôn");
        var text = string.Join("\n", (await chat.SayAsync("giấy tờ gì")).Select(r => r.Text));

        Assert.Contains("1. Tờ khai đăng ký kết hôn (1 bản chính)", text);
        Assert.Contains($"**{Case}:**\n1. Hộ chiếu (1 bản sao)\n2. Giấy xác nhận tình trạng hôn nhân (1 bản chính)", text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, Case));
    }
}
