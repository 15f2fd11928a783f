namespace Dispatcher.Testing;

/// <summary>
/// The errors a test declares its server may log; any other error fails the test when its server is
/// disposed. None are expected until a test says so: an error nobody expected is a bug or a missing line here.
/// </summary>
public sealed class ExpectedErrors
{
    private readonly List<Func<LoggedError, bool>> _filters = [];
    private readonly List<LoggedError> _seen = [];

    /// <summary>Declares errors matching <paramref name="filter"/> expected; calls add to each other.</summary>
    public void Expect(Func<LoggedError, bool> filter)
    {
        lock (_filters)
        {
            _filters.Add(filter);
        }
    }

    /// <summary>Keeps an error for <see cref="ThrowIfUnexpected"/>.</summary>
    public void Record(LoggedError error)
    {
        lock (_filters)
        {
            _seen.Add(error);
        }
    }

    /// <summary>The errors seen so far that no filter expects.</summary>
    public IReadOnlyList<LoggedError> Unexpected()
    {
        lock (_filters)
        {
            return _seen.Where(e => !_filters.Any(f => f(e))).ToList();
        }
    }

    /// <summary>Throws <see cref="UnexpectedErrorsException"/> naming every error no filter expects.</summary>
    public void ThrowIfUnexpected(string server)
    {
        var unexpected = Unexpected();
        if (unexpected.Count > 0)
        {
            throw new UnexpectedErrorsException(server, unexpected);
        }
    }
}
