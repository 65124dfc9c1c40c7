using CitizenBot.Core.Limits;
using Microsoft.Extensions.Options;

namespace CitizenBot.Admin;

/// <summary>Settings of the dashboard's sign-in throttle (configuration section <c>AdminSignIn</c>).</summary>
public sealed class AdminSignInOptions
{
    public const string Section = "AdminSignIn";

    /// <summary>Failed sign-ins to one account from one client address before the back-off starts.</summary>
    public int FreeFailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address, whatever the account (password spraying), before the back-off starts.</summary>
    public int FreeFailuresPerAddress { get; set; } = 20;

    /// <summary>Failed sign-ins to one account from all addresses together before its (short) back-off starts.</summary>
    public int FreeFailuresPerAccount { get; set; } = 10;

    /// <summary>The first wait once the free failures are spent; each further failure doubles it.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait for an address, or for an account from one address.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The longest wait for an account from all addresses together: short, so that an attacker failing on purpose
    /// from many addresses delays the real official by at most this much and never locks them out.
    /// </summary>
    public TimeSpan MaxAccountBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failures are forgotten this long after the last one.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Addresses, accounts and account-address pairs one host remembers (each); past it the least recently seen is
    /// forgotten. PostgreSQL keeps every key until <see cref="ForgetAfter"/> has passed.
    /// </summary>
    public int MaxTrackedKeys { get; set; } = 100_000;
}

public sealed class AdminSignInOptionsValidator : IValidateOptions<AdminSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminSignInOptions o)
    {
        var errors = new List<string>();
        if (o.FreeFailuresPerAccountAndAddress < 1) errors.Add("AdminSignIn:FreeFailuresPerAccountAndAddress must be at least 1.");
        if (o.FreeFailuresPerAddress < 1) errors.Add("AdminSignIn:FreeFailuresPerAddress must be at least 1.");
        if (o.FreeFailuresPerAccount < 1) errors.Add("AdminSignIn:FreeFailuresPerAccount must be at least 1.");
        if (o.FirstBackoff <= TimeSpan.Zero) errors.Add("AdminSignIn:FirstBackoff must be positive.");
        if (o.MaxBackoff < o.FirstBackoff) errors.Add("AdminSignIn:MaxBackoff must be at least AdminSignIn:FirstBackoff.");
        if (o.MaxAccountBackoff < o.FirstBackoff) errors.Add("AdminSignIn:MaxAccountBackoff must be at least AdminSignIn:FirstBackoff.");
        if (o.ForgetAfter < o.MaxBackoff) errors.Add("AdminSignIn:ForgetAfter must be at least AdminSignIn:MaxBackoff.");
        if (o.MaxTrackedKeys < 100) errors.Add("AdminSignIn:MaxTrackedKeys must be at least 100.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// Slows password guessing with a back-off that doubles at each failure past a free allowance, counted three ways:
/// per client address (spraying many names), per account from one address (guessing one), and per account from all
/// addresses (a distributed attack; its wait is capped at <see cref="AdminSignInOptions.MaxAccountBackoff"/>, so no
/// one can lock a real official out). A refused attempt checks no password and counts nothing. The counts live in
/// the <see cref="ISignInFailureStore"/>: this host's memory (bounded), or PostgreSQL, shared by every replica.
/// </summary>
public sealed class SignInThrottle(IOptions<AdminSignInOptions> options, TimeProvider time, ISignInFailureStore failures)
{
    readonly AdminSignInOptions _o = options.Value;

    /// <summary>How long this attempt must wait; null when it may go ahead.</summary>
    public async Task<TimeSpan?> WaitAsync(string account, string address, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var records = await failures.GetAsync(Keys(account, address), now, now - _o.ForgetAfter, ct);
        var until = Max(
            Until(records[0], _o.FreeFailuresPerAccountAndAddress, _o.MaxBackoff),
            Until(records[1], _o.FreeFailuresPerAddress, _o.MaxBackoff),
            Until(records[2], _o.FreeFailuresPerAccount, _o.MaxAccountBackoff));
        return until > now ? until - now : null;
    }

    public Task FailedAsync(string account, string address, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return failures.FailAsync(Keys(account, address), now, now - _o.ForgetAfter, ct);
    }

    /// <summary>
    /// The right password: the account's counts start again. The address keeps its count, so a sprayer who owns one
    /// account cannot clear its record by signing in to it.
    /// </summary>
    public Task SucceededAsync(string account, string address, CancellationToken ct) =>
        failures.RemoveAsync([Pair(account, address), new(SignInFailureKind.Account, account)], ct);

    static SignInFailureKey[] Keys(string account, string address) =>
        [Pair(account, address), new(SignInFailureKind.Address, address), new(SignInFailureKind.Account, account)];

    static SignInFailureKey Pair(string account, string address) => new(SignInFailureKind.AccountAndAddress, account + "\n" + address);

    DateTimeOffset Until(SignInFailures? record, int free, TimeSpan max)
    {
        if (record is null || record.Count <= free)
            return DateTimeOffset.MinValue;
        var doubled = _o.FirstBackoff.TotalSeconds * Math.Pow(2, record.Count - free - 1);
        return record.Last + (doubled < max.TotalSeconds ? TimeSpan.FromSeconds(doubled) : max);
    }

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) => a > b ? (a > c ? a : c) : (b > c ? b : c);
}
