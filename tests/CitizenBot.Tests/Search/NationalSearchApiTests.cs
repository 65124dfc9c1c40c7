using System.Net.Http.Json;
using System.Text.Json;

namespace CitizenBot.Tests.Search;

/// <summary>The same API over the national catalogue, chosen with the Catalogue:Path setting.</summary>
[Collection(NationalHostCollection.Name)]
public sealed class NationalSearchApiTests(NationalHostFixture fixture)
{
    [Fact]
    public async Task Serves_the_national_catalogue()
    {
        var health = await fixture.Host.Client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal(2642, health.GetProperty("procedures").GetInt32());

        var json = await fixture.Host.Client.GetFromJsonAsync<JsonElement>(SearchApiTests.Url("doi bang lai xe het han"));
        var first = json.GetProperty("results")[0];
        Assert.Equal("3.000347", first.GetProperty("code").GetString());
        // The portal data has no toàn trình flag: the mode is our curated catalogue's, carried to the national record by code.
        Assert.Equal("toan-trinh", first.GetProperty("onlineMode").GetString());
        Assert.StartsWith("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/", first.GetProperty("url").GetString());
    }
}
