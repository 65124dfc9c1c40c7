namespace CitizenBot.Core.Limits;

/// <summary>What the dashboard's sign-in throttle counts failures by.</summary>
public enum SignInFailureKind { AccountAndAddress, Address, Account }

public readonly record struct SignInFailureKey(SignInFailureKind Kind, string Value);

/// <summary>Failed sign-ins counted under one key, and when the last one was.</summary>
public sealed record SignInFailures(int Count, DateTimeOffset Last);

/// <summary>
/// The sign-in throttle's failure counts: <see cref="MemorySignInFailureStore"/> for one host, PostgreSQL when
/// replicas share it (so N replicas do not allow N times the guesses). Records whose last failure is before
/// <c>forgetBefore</c> count as absent.
/// </summary>
public interface ISignInFailureStore
{
    /// <summary>The records of <paramref name="keys"/>, in order (null when unknown or forgotten).</summary>
    Task<IReadOnlyList<SignInFailures?>> GetAsync(IReadOnlyList<SignInFailureKey> keys, DateTimeOffset now, DateTimeOffset forgetBefore, CancellationToken ct);

    /// <summary>One more failure under each key at <paramref name="now"/> (a forgotten record starts again at one).</summary>
    Task FailAsync(IReadOnlyList<SignInFailureKey> keys, DateTimeOffset now, DateTimeOffset forgetBefore, CancellationToken ct);

    Task RemoveAsync(IReadOnlyList<SignInFailureKey> keys, CancellationToken ct);

    /// <summary>Deletes records last failed before <paramref name="forgetBefore"/>; returns how many.</summary>
    Task<int> DeleteForgottenAsync(DateTimeOffset forgetBefore, CancellationToken ct);
}
