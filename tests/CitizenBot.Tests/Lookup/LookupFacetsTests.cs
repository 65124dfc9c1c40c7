using CitizenBot.Core.Catalogue;
using CitizenBot.Web.Lookup;

namespace CitizenBot.Tests.Lookup;

/// <summary>The field filter's choices when a catalogue spells one field two ways (the national export does).</summary>
public sealed class LookupFacetsTests
{
    static Procedure Procedure(string code, string field) => new() { Code = code, Name = "Thủ tục " + code, Field = field };

    [Fact]
    public void One_field_spelled_in_two_cases_or_unicode_forms_is_one_choice()
    {
        var catalogue = new InMemoryCatalogue(
            [Procedure("9.000001", "Cấp, quản lý căn cước"), Procedure("9.000002", "Cấp, Quản lý căn cước"),
             Procedure("9.000003", "Hộ tịch".Normalize(System.Text.NormalizationForm.FormD)), Procedure("9.000004", "Hộ tịch")], []);
        var facets = new LookupFacets(catalogue);
        Assert.Equal(2, facets.Fields.Count);
        Assert.Equal(facets.FindField("cấp, quản lý căn cước"), facets.FindField("CẤP, QUẢN LÝ CĂN CƯỚC"));
        Assert.NotNull(facets.FindField("hộ tịch"));
    }
}
