using CitizenBot.Core.Presentation;

namespace CitizenBot.Web.Lookup;

/// <summary>
/// Decides which checklist items go on the printed A4 sheet. The print stylesheet clamps a document to two lines, a
/// case heading to one, the title to three and a fee cell to two; what the rest of the sheet takes (title, the online
/// box beside its QR code, fee rows, place, result) is estimated in lines of 9 pt text and the checklist gets what is
/// left of <see cref="SheetLines"/>. Items past it are left off the paper and counted ("… và 70 giấy tờ khác"); the
/// screen always shows all of them. The browser test prints the catalogue's longest procedures to PDF and checks
/// they stay on one page.
/// </summary>
static class PrintSheet
{
    /// <summary>Lines of 9 pt text for everything that varies, once the fixed parts (headings, QR box, footer) are placed.</summary>
    const int SheetLines = 34;
    /// <summary>Characters per line across the sheet, rounded down so estimates err towards fewer items.</summary>
    const int CharsPerLine = 100;
    /// <summary>Characters per line in the fee and time columns.</summary>
    const int CellChars = 55;

    /// <summary>The number of documents, in checklist order (grouped as shown), that fit on the sheet.</summary>
    public static int DocumentsThatFit(ProcedureView v, IReadOnlyList<DocumentGroup> groups)
    {
        double budget = SheetLines - OtherLines(v);
        var lines = 0.0;
        var fitted = 0;
        foreach (var group in groups)
        {
            var heading = group.Case is null ? 0 : HeadingLines;
            foreach (var (item, i) in group.Items.Select((d, i) => (d, i)))
            {
                var cost = ItemSpacing + Lines(item.Name.Length + (item.MustPresentOnly ? Labels.PresentOnly.Length : item.Quantity?.Length ?? 0) + 6, CharsPerLine, 2)
                    + (i == 0 ? heading : 0);
                if (lines + cost > budget) return fitted;
                lines += cost;
                fitted++;
            }
        }
        return fitted;
    }

    /// <summary>An item's padding and rule, in lines: ten one-line items take about thirteen and a half lines.</summary>
    const double ItemSpacing = 0.35;
    /// <summary>A case heading: one clamped line plus its margin.</summary>
    const double HeadingLines = 1.5;

    /// <summary>The title (13 pt, so a line counts one and a half), fee rows, place, result and the "still in person" list.</summary>
    static int OtherLines(ProcedureView v)
    {
        var title = (int)Math.Ceiling(1.5 * Lines(v.Name.Length, CharsPerLine * 2 / 3, 3));
        var methods = v.Methods.Count == 0 ? 1 : 1 + v.Methods.Sum(m => Math.Max(Lines(m.Fee?.Length ?? 0, CellChars, 2), Lines(m.ProcessingTime?.Length ?? 0, CellChars, 2)));
        var place = (v.Agency is null ? 0 : 1 + Lines(v.Agency.Length, CharsPerLine, 2)) + (v.SubmissionAddress is null ? 0 : 1 + Lines(v.SubmissionAddress.Length, CharsPerLine, 2));
        var result = v.Result is null ? 0 : Lines(v.Result.Length, CharsPerLine, 2);
        var still = v.Online.StillInPerson.Sum(s => Lines(s.Length, CharsPerLine * 2 / 3, 3));
        return title + methods + Math.Max(place, 2) + result + still;
    }

    static int Lines(int characters, int perLine, int max) => Math.Clamp((characters + perLine - 1) / perLine, 1, max);
}
