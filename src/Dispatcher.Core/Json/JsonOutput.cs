using System.Buffers;

namespace Dispatcher.Core.Json;

/// <summary>
/// A growable byte buffer that, unlike <see cref="ArrayBufferWriter{T}"/>, lets the canonicalizer
/// rewrite a region it already wrote (an object whose members must be reordered).
/// </summary>
internal sealed class JsonOutput(int capacity) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[Math.Max(capacity, 16)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Slice(int start, int end) => _buffer.AsSpan(start, end - start);

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    public void Write(byte value)
    {
        GetSpan(1)[0] = value;
        Length++;
    }

    /// <summary>Forgets everything from <paramref name="length"/> on.</summary>
    public void Truncate(int length) => Length = length;

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(Length);
    }

    private void Ensure(int sizeHint)
    {
        int needed = Length + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
