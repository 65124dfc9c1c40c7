using System.Text.Json;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>
/// The same question answered for three provinces: one whose list offers it toàn trình with its own link, one whose
/// list says một phần, one without a list (the national mode, and the answer says so).
/// </summary>
[Collection(DialogTestCollection.Name)]
public sealed class ProvinceAnswerTests(DialogTestData data)
{
    const string Marriage = "1.000894"; // Thủ tục đăng ký kết hôn: toàn trình nationally.
    const string DaNangLink = "https://dichvucong.danang.gov.vn/dvc/ket-hon";

    InMemoryCatalogue CatalogueWithLists()
    {
        var catalogue = new InMemoryCatalogue(data.Catalogue.Procedures, data.Catalogue.Provinces);
        ProvinceListVersion Version(string province) => new(province, 1, "test", DateTimeOffset.UnixEpoch, "test.csv", 1);
        catalogue.ServiceLists.Apply(
        [
            new ProvinceServiceList(Version("da-nang"), [new ProvinceServiceEntry(Marriage, OnlineMode.FullyOnline, DaNangLink)]),
            new ProvinceServiceList(Version("ninh-binh"), [new ProvinceServiceEntry(Marriage, OnlineMode.Partial)]),
        ]);
        return catalogue;
    }

    async Task<(string Text, IReadOnlyList<string> Links, TestChat Chat)> AskAsync(string province)
    {
        var chat = new TestChat(data, "province-" + Guid.NewGuid().ToString("N"), catalogue: CatalogueWithLists());
        await chat.SayAsync($"tôi ở {province}");
        var replies = await chat.SayAsync("đăng ký kết hôn");
        var card = replies.SelectMany(r => r.Attachments ?? []).Select(a => (JsonElement)a.Content!).Single();
        Assert.Equal("Thủ tục đăng ký kết hôn", card.GetProperty("title").GetString());
        var text = card.GetProperty("text").GetString()! + "\n" + string.Join("\n", replies.Select(r => r.Text));
        return (text, TestChat.CardButtons(replies.First(r => r.Attachments is { Count: > 0 })).Select(b => b.Value!).ToList(), chat);
    }

    [Fact]
    public async Task A_province_whose_list_offers_it_fully_online_gets_toan_trinh_and_its_own_link()
    {
        var (text, links, chat) = await AskAsync("Đà Nẵng");
        Assert.Contains("toàn trình", text);
        Assert.Contains("theo Đà Nẵng", text);
        Assert.Equal(DaNangLink, links[0]);

        var followUp = string.Join("\n", (await chat.SayAsync("cách nộp trực tuyến")).Select(r => r.Text));
        Assert.Contains(DaNangLink, followUp);
    }

    [Fact]
    public async Task A_province_whose_list_says_mot_phan_gets_mot_phan_and_the_gap_is_recorded_for_that_province()
    {
        var (text, _, chat) = await AskAsync("Ninh Bình");
        Assert.Contains("một phần", text);
        Assert.Contains("theo Ninh Bình", text);
        Assert.DoesNotContain("toàn trình", text);
        var gap = Assert.Single(chat.AllDemand, e => e.Outcome == DemandOutcome.NotFullyOnline);
        Assert.Equal(("ninh-binh", OnlineMode.Partial), (gap.ProvinceId, gap.MatchedOnlineMode));
    }

    [Fact]
    public async Task A_province_without_a_list_gets_the_national_mode_and_is_told_so()
    {
        var (text, links, _) = await AskAsync("Hà Nội");
        Assert.Contains("toàn trình", text);
        Assert.Contains("mức cả nước", text);
        Assert.DoesNotContain(DaNangLink, links);
    }
}
