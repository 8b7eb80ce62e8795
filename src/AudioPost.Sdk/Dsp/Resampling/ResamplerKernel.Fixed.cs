using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Resampling;

/// <content>
/// The fixed-ratio read. With exact phases the outputs of one read are computed row by row rather than in time order:
/// output <c>m + j·p</c> (<c>p</c> = the modulus, the outputs per period) has the same phase as output <c>m</c> and
/// starts exactly <c>j</c> periods of input later, so one row, loaded once, serves every output of that phase and
/// every channel, up to eight products at a time (<see cref="PolyphaseBatch"/>). The outputs go in tiles of whole
/// periods spanning about <see cref="TileInputFrames"/> input frames, so the history a tile reads stays in the L1
/// cache while its rows stream through once.
/// </content>
internal sealed partial class ResamplerKernel<T>
{
    // 2048 frames of stereo double history are 32 KB: inside a 48 KB L1 data cache with room for the row.
    private const int TileInputFrames = 2048;

    private int ReadFixed(AudioBlock output)
    {
        if (_interpolatePhases)
        {
            return ReadFixedInterpolated(output);
        }

        var count = (int)Math.Min(output.FrameCount, AvailableOutputFrames());
        var periodFrames = (_stepWhole * _modulus) + _stepRemainder;
        var tileOutputs = TilePeriods(periodFrames) * _modulus;
        var left = _left;
        var phase = _phase;
        for (var start = 0; start < count; start += tileOutputs)
        {
            var outputs = Math.Min(tileOutputs, count - start);
            ComputeTile(output, start, outputs, left, phase, periodFrames);
            Advance(ref left, ref phase, outputs);
        }

        _left = left;
        _phase = phase;
        return count;
    }

    // Whole batches of periods (PolyphaseBatch.Width / channels of them fill a batch) within TileInputFrames when
    // that allows one; a tile always holds at least one period.
    private int TilePeriods(int periodFrames)
    {
        var periods = Math.Max(1, TileInputFrames / periodFrames);
        var perBatch = Math.Max(1, PolyphaseBatch.Width / _history.Length);
        return periods >= perBatch ? periods - (periods % perBatch) : periods;
    }

    // Moves a read position (first tap, phase) on by a number of outputs, exactly.
    private void Advance(ref int left, ref int phase, int outputs)
    {
        var numerator = phase + ((long)outputs * _stepRemainder);
        left += (int)(((long)outputs * _stepWhole) + (numerator / _modulus));
        phase = (int)(numerator % _modulus);
    }

    // Outputs start … start + outputs - 1, the first at (left, phase). Row r serves outputs start + r + j·modulus.
    private void ComputeTile(AudioBlock output, int start, int outputs, int left, int phase, int periodFrames)
    {
        Span<T> sums = stackalloc T[PolyphaseBatch.Width];
        var rows = Math.Min(outputs, _modulus);
        for (var r = 0; r < rows; r++)
        {
            ref var row = ref _table[phase * _taps];
            var periods = (outputs - r + _modulus - 1) / _modulus;
            Debug.Assert(left + ((periods - 1) * periodFrames) + _taps <= _count, "the tile reads past the history");
            switch (_history.Length)
            {
                case 1:
                    ComputeRowMono(output, ref row, periods, left, start + r, periodFrames, sums);
                    break;
                case 2:
                    ComputeRowStereo(output, ref row, periods, left, start + r, periodFrames, sums);
                    break;
                default:
                    ComputeRow(output, ref row, periods, left, start + r, periodFrames, sums);
                    break;
            }

            // One output on, without Advance's divisions: the step's remainder is below the modulus.
            left += _stepWhole;
            phase += _stepRemainder;
            if (phase >= _modulus)
            {
                phase -= _modulus;
                left++;
            }
        }
    }

    // Eight periods a batch; a short one uses the four- or two-product batch, repeating its last period to fill it.
    private void ComputeRowMono(AudioBlock output, ref T row, int periods, int left, int frame, int periodFrames, Span<T> sums)
    {
        ref var history = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_history[0]), left);
        var target = output.GetChannel(0);
        for (var j = 0; j < periods; j += PolyphaseBatch.Width)
        {
            var last = Math.Min(PolyphaseBatch.Width, periods - j) - 1;
            ref var x = ref Unsafe.Add(ref history, j * periodFrames);
            if (last < 2)
            {
                PolyphaseBatch.Dot2(ref x, ref Unsafe.Add(ref x, last * periodFrames), ref row, _taps, sums);
            }
            else if (last < 4)
            {
                PolyphaseBatch.Dot4(
                    ref x,
                    ref Unsafe.Add(ref x, periodFrames),
                    ref Unsafe.Add(ref x, 2 * periodFrames),
                    ref Unsafe.Add(ref x, last * periodFrames),
                    ref row,
                    _taps,
                    sums);
            }
            else
            {
                PolyphaseBatch.Dot8(
                    ref x,
                    ref Unsafe.Add(ref x, periodFrames),
                    ref Unsafe.Add(ref x, 2 * periodFrames),
                    ref Unsafe.Add(ref x, 3 * periodFrames),
                    ref Unsafe.Add(ref x, 4 * periodFrames),
                    ref Unsafe.Add(ref x, Math.Min(5, last) * periodFrames),
                    ref Unsafe.Add(ref x, Math.Min(6, last) * periodFrames),
                    ref Unsafe.Add(ref x, last * periodFrames),
                    ref row,
                    _taps,
                    sums);
            }

            for (var i = 0; i <= last; i++)
            {
                target[frame + ((j + i) * _modulus)] = float.CreateTruncating(sums[i]);
            }
        }
    }

    // Four periods of both channels a batch; one or two periods use the narrower batches, three repeat the last.
    private void ComputeRowStereo(AudioBlock output, ref T row, int periods, int left, int frame, int periodFrames, Span<T> sums)
    {
        ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_history[0]), left);
        ref var second = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_history[1]), left);
        var target0 = output.GetChannel(0);
        var target1 = output.GetChannel(1);
        for (var j = 0; j < periods; j += PolyphaseBatch.Width / 2)
        {
            var last = Math.Min(PolyphaseBatch.Width / 2, periods - j) - 1;
            ref var x = ref Unsafe.Add(ref first, j * periodFrames);
            ref var y = ref Unsafe.Add(ref second, j * periodFrames);
            if (last == 0)
            {
                PolyphaseBatch.Dot2(ref x, ref y, ref row, _taps, sums);
            }
            else if (last == 1)
            {
                PolyphaseBatch.Dot4(ref x, ref y, ref Unsafe.Add(ref x, periodFrames), ref Unsafe.Add(ref y, periodFrames), ref row, _taps, sums);
            }
            else
            {
                var offset3 = last * periodFrames;
                PolyphaseBatch.Dot8(
                    ref x,
                    ref y,
                    ref Unsafe.Add(ref x, periodFrames),
                    ref Unsafe.Add(ref y, periodFrames),
                    ref Unsafe.Add(ref x, 2 * periodFrames),
                    ref Unsafe.Add(ref y, 2 * periodFrames),
                    ref Unsafe.Add(ref x, offset3),
                    ref Unsafe.Add(ref y, offset3),
                    ref row,
                    _taps,
                    sums);
            }

            for (var i = 0; i <= last; i++)
            {
                var at = frame + ((j + i) * _modulus);
                target0[at] = float.CreateTruncating(sums[2 * i]);
                target1[at] = float.CreateTruncating(sums[(2 * i) + 1]);
            }
        }
    }

    // Any channel count: jobs (one output of one channel) run channel by channel within a period, then period by period,
    // eight at a time; a short batch uses the narrowest that holds it, repeating its last job to fill it.
    private void ComputeRow(AudioBlock output, ref T row, int periods, int left, int frame, int periodFrames, Span<T> sums)
    {
        Span<Job> batch = stackalloc Job[PolyphaseBatch.Width];
        var jobs = periods * _history.Length;
        var cursor = new Job(left, frame);
        for (var k = 0; k < jobs; k += PolyphaseBatch.Width)
        {
            var valid = Math.Min(PolyphaseBatch.Width, jobs - k);
            for (var b = 0; b < PolyphaseBatch.Width; b++)
            {
                batch[b] = cursor;
                if (b + 1 < valid)
                {
                    Next(ref cursor, periodFrames);
                }
            }

            Next(ref cursor, periodFrames);
            if (valid <= 2)
            {
                PolyphaseBatch.Dot2(ref History(batch[0]), ref History(batch[1]), ref row, _taps, sums);
            }
            else if (valid <= 4)
            {
                PolyphaseBatch.Dot4(ref History(batch[0]), ref History(batch[1]), ref History(batch[2]), ref History(batch[3]), ref row, _taps, sums);
            }
            else
            {
                PolyphaseBatch.Dot8(
                    ref History(batch[0]),
                    ref History(batch[1]),
                    ref History(batch[2]),
                    ref History(batch[3]),
                    ref History(batch[4]),
                    ref History(batch[5]),
                    ref History(batch[6]),
                    ref History(batch[7]),
                    ref row,
                    _taps,
                    sums);
            }

            for (var b = 0; b < valid; b++)
            {
                output.GetChannel(batch[b].Channel)[batch[b].Frame] = float.CreateTruncating(sums[b]);
            }
        }
    }

    // Steps a job on by one channel, wrapping to the next period.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Next(ref Job job, int periodFrames)
    {
        if (++job.Channel == _history.Length)
        {
            job.Channel = 0;
            job.Left += periodFrames;
            job.Frame += _modulus;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref T History(in Job job) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_history[job.Channel]), job.Left);

    /// <summary>One output of one channel: its channel, the history index of its first tap, its output frame.</summary>
    private struct Job(int left, int frame)
    {
        public int Channel;
        public int Left = left;
        public int Frame = frame;
    }

    private int ReadFixedInterpolated(AudioBlock output)
    {
        var frames = output.FrameCount;
        var produced = 0;
        while (produced < frames && _left + _taps <= _count)
        {
            ComputeInterpolated(output, produced, (double)_phase / _modulus);
            produced++;
            _left += _stepWhole;
            _phase += _stepRemainder;
            if (_phase >= _modulus)
            {
                _phase -= _modulus;
                _left++;
            }
        }

        return produced;
    }
}
