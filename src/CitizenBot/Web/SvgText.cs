using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace CitizenBot.Web;

/// <summary>
/// An SVG <c>&lt;text&gt;</c> element for the charts. Razor reserves the tag name <c>text</c> (it marks plain text in
/// code), so the element is written through the render tree: <c>&lt;SvgText x="4" y="10" Content="12" /&gt;</c>.
/// </summary>
public sealed class SvgText : ComponentBase
{
    [Parameter, EditorRequired] public string Content { get; set; } = "";
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddMultipleAttributes(1, Attributes);
        builder.AddContent(2, Content);
        builder.CloseElement();
    }
}
