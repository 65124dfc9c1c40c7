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

    /// <summary>Addresses, accounts and account-address pairs remembered (each); past it the least recently seen is forgotten.</summary>
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
/// one can lock a real official out). A refused attempt checks no password and counts nothing. Memory is bounded:
/// each table forgets its least recently seen key past <see cref="AdminSignInOptions.MaxTrackedKeys"/>, never all at
/// once, and a key being attacked is seen at every attempt. In memory, per replica.
/// </summary>
public sealed class SignInThrottle(IOptions<AdminSignInOptions> options, TimeProvider time)
{
    readonly AdminSignInOptions _o = options.Value;
    readonly FailureTable _addresses = new(options.Value.MaxTrackedKeys);
    readonly FailureTable _accounts = new(options.Value.MaxTrackedKeys);
    readonly FailureTable _pairs = new(options.Value.MaxTrackedKeys);
    readonly Lock _lock = new();

    /// <summary>Keys remembered in all three tables together.</summary>
    public int TrackedKeys { get { lock (_lock) return _addresses.Count + _accounts.Count + _pairs.Count; } }

    /// <summary>How long this attempt must wait; null when it may go ahead.</summary>
    public TimeSpan? Wait(string account, string address)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var until = Max(
                Until(_pairs.Get(Pair(account, address), now, _o.ForgetAfter), _o.FreeFailuresPerAccountAndAddress, _o.MaxBackoff),
                Until(_addresses.Get(address, now, _o.ForgetAfter), _o.FreeFailuresPerAddress, _o.MaxBackoff),
                Until(_accounts.Get(account, now, _o.ForgetAfter), _o.FreeFailuresPerAccount, _o.MaxAccountBackoff));
            return until > now ? until - now : null;
        }
    }

    public void Failed(string account, string address)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _pairs.Fail(Pair(account, address), now, _o.ForgetAfter);
            _addresses.Fail(address, now, _o.ForgetAfter);
            _accounts.Fail(account, now, _o.ForgetAfter);
        }
    }

    /// <summary>
    /// The right password: the account's counts start again. The address keeps its count, so a sprayer who owns one
    /// account cannot clear its record by signing in to it.
    /// </summary>
    public void Succeeded(string account, string address)
    {
        lock (_lock)
        {
            _pairs.Remove(Pair(account, address));
            _accounts.Remove(account);
        }
    }

    DateTimeOffset Until(FailureTable.Record? record, int free, TimeSpan max)
    {
        if (record is null || record.Failures <= free)
            return DateTimeOffset.MinValue;
        var doubled = _o.FirstBackoff.TotalSeconds * Math.Pow(2, record.Failures - free - 1);
        return record.Last + (doubled < max.TotalSeconds ? TimeSpan.FromSeconds(doubled) : max);
    }

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) => a > b ? (a > c ? a : c) : (b > c ? b : c);

    static string Pair(string account, string address) => account + "\n" + address;

    /// <summary>Failure counts by key, least recently seen first out when full.</summary>
    sealed class FailureTable(int capacity)
    {
        public sealed class Record(string key)
        {
            public string Key { get; } = key;
            public int Failures { get; set; }
            public DateTimeOffset Last { get; set; }
        }

        readonly Dictionary<string, LinkedListNode<Record>> _index = new(StringComparer.Ordinal);
        readonly LinkedList<Record> _recency = new();

        public int Count => _index.Count;

        /// <summary>The key's record, marked as seen; null when unknown or forgotten.</summary>
        public Record? Get(string key, DateTimeOffset now, TimeSpan forgetAfter)
        {
            if (!_index.TryGetValue(key, out var node))
                return null;
            if (now - node.Value.Last > forgetAfter)
            {
                Remove(key);
                return null;
            }
            _recency.Remove(node);
            _recency.AddLast(node);
            return node.Value;
        }

        public void Fail(string key, DateTimeOffset now, TimeSpan forgetAfter)
        {
            var record = Get(key, now, forgetAfter);
            if (record is null)
            {
                if (_index.Count >= capacity && _recency.First is { } oldest)
                    Remove(oldest.Value.Key);
                record = new Record(key);
                _index[key] = _recency.AddLast(record);
            }
            record.Failures++;
            record.Last = now;
        }

        public void Remove(string key)
        {
            if (_index.Remove(key, out var node))
                _recency.Remove(node);
        }
    }
}
