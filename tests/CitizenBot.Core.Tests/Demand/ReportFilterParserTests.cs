using CitizenBot.Core.Demand;

namespace CitizenBot.Core.Tests.Demand;

/// <summary>The one reading of a report filter (`citizenbot report` options and the /admin query string).</summary>
public sealed class ReportFilterParserTests
{
    static readonly DateOnly Today = new(2026, 12, 5);

    static (ParsedReportFilter? Filter, ReportFilterError? Error) Parse(string? from = null, string? to = null, string[]? provinces = null,
        string? field = null, string? outcome = null, bool handled = false) =>
        ReportFilterParser.Parse(new ReportFilterText(from, to, provinces, field, outcome, handled), DemandTestData.TestCatalogue(), Today);

    [Fact]
    public void Nothing_given_is_the_last_thirty_days_of_everything()
    {
        var filter = Parse().Filter!;
        Assert.Equal((new DateOnly(2026, 11, 6), Today, null, null, null, false),
            (filter.From, filter.To, filter.Provinces, filter.Field, filter.Outcome, filter.IncludeHandled));
        var report = filter.ToReportFilter();
        Assert.Equal(VietnamTime.Midnight(new DateOnly(2026, 11, 6)), report.From);
        Assert.Equal(VietnamTime.Midnight(Today.AddDays(1)), report.To);
    }

    [Fact]
    public void Provinces_by_id_or_name_become_ids_once_each_and_blank_ones_are_ignored()
    {
        var filter = Parse(provinces: ["Hà Nội", "ha-noi", " ", "ninh-binh"]).Filter!;
        Assert.Equal(["ha-noi", "ninh-binh"], filter.Provinces);
    }

    [Fact]
    public void Field_and_outcome_are_read_in_any_letter_case_and_given_back_as_spelled_by_the_catalogue_and_the_log()
    {
        var filter = Parse(field: "hộ TỊCH", outcome: "nomatch", handled: true).Filter!;
        Assert.Equal(("Hộ tịch", DemandOutcome.NoMatch, true), (filter.Field, filter.Outcome, filter.IncludeHandled));
        Assert.Equal(DemandReports.Unclassified, Parse(field: "chưa phân loại").Filter!.Field);
    }

    [Theory]
    [InlineData("2026-13-01", null, "from")]
    [InlineData(null, "05/12/2026", "to")]
    [InlineData("2026-12-06", "2026-12-05", "from")]
    [InlineData("2010-01-01", "2026-12-05", "from")]
    public void Bad_dates_name_their_parameter(string? from, string? to, string parameter)
    {
        var (filter, error) = Parse(from, to);
        Assert.Null(filter);
        Assert.Equal(parameter, error!.Parameter);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_period_of_exactly_the_longest_length_is_accepted()
    {
        var from = Today.AddDays(-(ReportFilterParser.MaxDays - 1));
        Assert.Equal(from, Parse(from.ToString("yyyy-MM-dd")).Filter!.From);
        Assert.Equal("from", Parse(from.AddDays(-1).ToString("yyyy-MM-dd")).Error!.Parameter);
    }

    [Theory]
    [InlineData("province", "Atlantis")]
    [InlineData("field", "Thuế vàng")]
    [InlineData("outcome", "Maybe")]
    [InlineData("outcome", "3")]
    [InlineData("outcome", "NoMatch, Answered")]
    public void Unknown_values_are_refused_with_the_value_quoted(string parameter, string value)
    {
        var (filter, error) = parameter switch
        {
            "province" => Parse(provinces: [value]),
            "field" => Parse(field: value),
            _ => Parse(outcome: value),
        };
        Assert.Null(filter);
        Assert.Equal(parameter, error!.Parameter);
        Assert.Contains($"'{value}'", error.Message);
    }
}
