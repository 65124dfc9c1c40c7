using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Provinces;

/// <summary>One procedure whose mode or link a new list changes (a dry run shows these).</summary>
/// <param name="Before">Null when the procedure is new to the province's list.</param>
/// <param name="After">Null when the new list drops the procedure (the national mode then applies).</param>
public sealed record ProvinceListChange(string Code, ProvinceServiceEntry? Before, ProvinceServiceEntry? After);

/// <summary>What a new list would change against the one in force.</summary>
public sealed record ProvinceListChanges(IReadOnlyList<ProvinceListChange> Added, IReadOnlyList<ProvinceListChange> Changed, IReadOnlyList<ProvinceListChange> Removed, int Unchanged)
{
    public static ProvinceListChanges Between(ProvinceServiceList? current, IReadOnlyList<ProvinceServiceEntry> next)
    {
        var before = current?.Entries.ToDictionary(e => e.Code, StringComparer.Ordinal) ?? [];
        var added = new List<ProvinceListChange>();
        var changed = new List<ProvinceListChange>();
        var unchanged = 0;
        foreach (var entry in next)
        {
            if (!before.Remove(entry.Code, out var old)) added.Add(new(entry.Code, null, entry));
            else if (old.Mode != entry.Mode || old.Url != entry.Url) changed.Add(new(entry.Code, old, entry));
            else unchanged++;
        }
        var removed = before.Values.OrderBy(e => e.Code, StringComparer.Ordinal).Select(e => new ProvinceListChange(e.Code, e, null)).ToList();
        return new ProvinceListChanges(added, changed, removed, unchanged);
    }

    /// <summary>How many procedures the list offers toàn trình, một phần and not online.</summary>
    public static (int FullyOnline, int Partial, int Offline) Count(IEnumerable<ProvinceServiceEntry> entries)
    {
        int full = 0, partial = 0, offline = 0;
        foreach (var e in entries)
        {
            if (e.Mode == OnlineMode.FullyOnline) full++;
            else if (e.Mode == OnlineMode.Partial) partial++;
            else offline++;
        }
        return (full, partial, offline);
    }
}
