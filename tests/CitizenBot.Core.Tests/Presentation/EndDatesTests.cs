using CitizenBot.Core.Presentation;

namespace CitizenBot.Core.Tests.Presentation;

public sealed class EndDatesTests
{
    [Theory]
    // Shapes from the national catalogue's fee and time notes.
    [InlineData("40.000đ/giấy thông hành (áp dụng đến hết ngày 31/12/2024 theo Thông tư số 43/2024/TT-BTC của Bộ Tài chính).", "2024-12-31")]
    [InlineData("Kể từ ngày 01/12/2023 đến hết ngày 31/12/2025, áp dụng mức thu lệ phí là 115.000 đồng/lần", "2025-12-31")]
    [InlineData("25.000 đồng/lần (áp dụng từ kể từ ngày 01 tháng 7 năm 2025 đến hết ngày 31 tháng 12 năm 2026 theo quy định tại Thông tư 64/2025/TT-BTC)", "2026-12-31")]
    [InlineData("Miễn phí đến hết ngày 31/12/2025", "2025-12-31")]
    [InlineData("từ ngày 01/7/2024 đến 31/12/2025 thu 50%", "2025-12-31")]
    [InlineData("áp dụng đến 30-6-2025", "2025-06-30")]
    [InlineData("giảm 50% đến hết năm 2025", "2025-12-31")]
    [InlineData("MIỄN PHÍ ĐẾN HẾT NGÀY 1/1/2026", "2026-01-01")]
    public void A_stated_end_date_is_found(string note, string expected) =>
        Assert.Equal([DateOnly.Parse(expected)], EndDates.In(note));

    [Theory]
    [InlineData("Thông tư số 64/2025/TT-BTC ngày 30/6/2025 của Bộ Tài chính")] // when a circular was signed
    [InlineData("Kể từ ngày 01/01/2025, mức thu bằng 50%")]                     // when a rate starts
    [InlineData("Miễn phí")]
    [InlineData("15 ngày làm việc kể từ ngày nhận đủ hồ sơ")]
    [InlineData("công dân từ đủ 18 tuổi đến hết 25 tuổi")]                     // an age span, not a date
    [InlineData("áp dụng đến hết ngày 31/02/2025")]                            // no such day
    [InlineData("")]
    [InlineData(null)]
    public void Other_dates_and_numbers_are_not_end_dates(string? note) => Assert.Empty(EndDates.In(note));

    [Fact]
    public void A_note_with_several_periods_gives_each_end_date()
    {
        const string note = "Kể từ ngày 01/01/2025 đến hết ngày 31/12/2025, mức thu lệ phí khi công dân nộp hồ sơ trực tuyến bằng 50%. " +
                            "- Kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 mức thu lệ phí cấp đổi, cấp lại thẻ căn cước bằng 50%";
        Assert.Equal([new DateOnly(2025, 12, 31), new DateOnly(2026, 12, 31)], EndDates.In(note));
    }

    [Fact]
    public void An_end_date_has_passed_only_after_its_day_and_the_latest_passed_one_is_given()
    {
        string?[] notes = ["Miễn phí đến hết ngày 31/12/2025", null, "50.000 đồng (áp dụng đến hết ngày 30/6/2025)", "100.000 đồng đến hết ngày 31/12/2026"];
        Assert.Null(EndDates.LatestPassed(notes, new DateOnly(2025, 6, 30)));             // "đến hết ngày 30/6" still holds on 30/6
        Assert.Equal(new DateOnly(2025, 6, 30), EndDates.LatestPassed(notes, new DateOnly(2025, 7, 1)));
        Assert.Equal(new DateOnly(2025, 12, 31), EndDates.LatestPassed(notes, new DateOnly(2026, 12, 4)));
        Assert.Equal(new DateOnly(2026, 12, 31), EndDates.LatestPassed(notes, new DateOnly(2027, 1, 1)));
        Assert.Null(EndDates.LatestPassed(["Miễn phí"], new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void Today_is_the_date_in_Vietnam()
    {
        Assert.Equal(new DateOnly(2026, 1, 1), EndDates.TodayInVietnam(new DateTimeOffset(2025, 12, 31, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2025, 12, 31), EndDates.TodayInVietnam(new DateTimeOffset(2025, 12, 31, 16, 59, 0, TimeSpan.Zero)));
    }
}
