using System.CommandLine;
using System.Text;
using CitizenBot.Admin;
using CitizenBot.Core.Demand;
using CitizenBot.Demand;

namespace CitizenBot.Cli;

/// <summary>`citizenbot admin add-user &lt;name&gt; --role admin|viewer [--province id …] [--password-stdin]` and `citizenbot admin list-users`.</summary>
public sealed class AdminCommand : Command
{
    public AdminCommand() : base("admin", "Dashboard users (/admin).")
    {
        Add(new AddUserCommand());
        Add(new ListUsersCommand());
    }
}

/// <summary>Creates a dashboard user, or replaces an existing user's password, role and provinces.</summary>
public sealed class AddUserCommand : Command
{
    public Argument<string> UserName { get; } = new("name") { Description = "User name (letters, digits, . _ -; stored in lower case)" };
    public Option<string> Role { get; } = new("--role") { Description = "admin (everything) or viewer (only its provinces)", Required = true };
    public Option<string[]> Province { get; } = new("--province") { Description = "Province id or name a viewer may see; repeat for several", AllowMultipleArgumentsPerToken = true };
    public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "Read the password from the first line of standard input instead of prompting" };
    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "Where demand.db lives (default: Storage:DataDirectory, .data)" };
    public Option<string?> IndexData { get; } = new("--index-data") { Description = "The index-data folder, to check province ids" };

    public AddUserCommand() : base("add-user", "Create a dashboard user (the password is hashed with PBKDF2).")
    {
        Add(UserName); Add(Role); Add(Province); Add(PasswordStdin); Add(DataDirectory); Add(IndexData);
        Role.AcceptOnlyFromAmong("admin", "viewer");
        SetAction(RunAsync);
    }

    Task<int> RunAsync(ParseResult result, CancellationToken ct) => DatabaseUnreachable.Guard(() => AddAsync(result, ct));

    async Task<int> AddAsync(ParseResult result, CancellationToken ct)
    {
        var name = (result.GetValue(UserName) ?? "").Trim().ToLowerInvariant();
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            Console.Error.WriteLine("The user name must be 1–64 characters: letters, digits, '.', '_' or '-'.");
            return ExitCodes.BadInput;
        }
        var role = result.GetValue(Role) == "admin" ? AdminRole.Admin : AdminRole.Viewer;
        await using var context = await DemandCliContext.OpenAsync(result.GetValue(DataDirectory), result.GetValue(IndexData), ct);
        var provinces = new List<string>();
        foreach (var p in result.GetValue(Province) ?? [])
        {
            if (context.Catalogue.FindProvince(p) is not { } province)
            {
                Console.Error.WriteLine($"Unknown province '{p}'.");
                return ExitCodes.BadInput;
            }
            provinces.Add(province.Id);
        }
        if (role == AdminRole.Viewer && provinces.Count == 0)
        {
            Console.Error.WriteLine("A viewer needs at least one --province.");
            return ExitCodes.BadInput;
        }
        if (role == AdminRole.Admin && provinces.Count > 0)
        {
            Console.Error.WriteLine("An admin sees every province; leave out --province.");
            return ExitCodes.BadInput;
        }
        var password = result.GetValue(PasswordStdin) ? Console.In.ReadLine() : Prompt();
        if (password is null)
        {
            Console.Error.WriteLine(Console.IsInputRedirected ? "No password on standard input (use --password-stdin and pipe it)." : "The passwords do not match.");
            return ExitCodes.BadInput;
        }
        if (password.Length < PasswordHasher.MinimumLength)
        {
            Console.Error.WriteLine($"The password must have at least {PasswordHasher.MinimumLength} characters.");
            return ExitCodes.BadInput;
        }
        var existing = await context.Store.FindUserAsync(name, ct);
        await context.Store.SaveUserAsync(new AdminUser(name, PasswordHasher.Hash(password), role, provinces.Distinct().ToList(), existing?.CreatedAt ?? DateTimeOffset.UtcNow), ct);
        await context.Store.AppendAuditAsync(new AuditEntry(DateTimeOffset.UtcNow, $"cli:{Environment.UserName}", existing is null ? "add-user" : "update-user",
            $"user={name} role={role} provinces={string.Join(",", provinces)}"), ct);
        Console.WriteLine($"{(existing is null ? "Created" : "Updated")} {role.ToString().ToLowerInvariant()} '{name}'{(provinces.Count > 0 ? " for " + string.Join(", ", provinces) : "")} in {context.Store.Description}.");
        return ExitCodes.Ok;
    }

    /// <summary>Asks twice without echo; null when the two differ or there is no terminal.</summary>
    static string? Prompt()
    {
        if (Console.IsInputRedirected) return null;
        var first = ReadHidden("Password: ");
        var second = ReadHidden("Repeat password: ");
        return first == second ? first : null;
    }

    static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}

public sealed class ListUsersCommand : Command
{
    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "Where demand.db lives (default: Storage:DataDirectory, .data)" };

    public ListUsersCommand() : base("list-users", "List dashboard users with their role and provinces.")
    {
        Add(DataDirectory);
        SetAction(RunAsync);
    }

    async Task<int> RunAsync(ParseResult result, CancellationToken ct)
    {
        await using var context = await DemandCliContext.OpenAsync(result.GetValue(DataDirectory), null, ct);
        foreach (var user in await context.Store.ListUsersAsync(ct))
            Console.WriteLine($"{user.Name}\t{user.Role.ToString().ToLowerInvariant()}\t{string.Join(",", user.Provinces)}\t{user.CreatedAt:yyyy-MM-dd}");
        return ExitCodes.Ok;
    }
}
