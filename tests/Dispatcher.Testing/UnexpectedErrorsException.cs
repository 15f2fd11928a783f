namespace Dispatcher.Testing;

/// <summary>A server logged errors its test did not declare with <c>ExpectErrors</c>.</summary>
public sealed class UnexpectedErrorsException(string server, IReadOnlyList<LoggedError> errors)
    : Exception($"{server} logged {errors.Count} error(s) the test did not expect (declare them with ExpectErrors, narrowly, if they are right):\n" +
        string.Join("\n", errors))
{
    public IReadOnlyList<LoggedError> Errors { get; } = errors;
}
