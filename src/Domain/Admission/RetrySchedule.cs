namespace EduInfo.Domain.Admission;

/// <summary>
/// When a refused write should come back (issue 22, the opening minute). A fixed Retry-After brings every refused client
/// back at once, again and again: when a whole city applies in the same minute, the refusals themselves then take the
/// machine the writes need. So each refusal is given the next turn at <see cref="Headroom"/> times the rate the admission
/// lets writes through — its slots over the running time of a write (a moving average): a refusal costs little, an idle
/// slot costs a write, so turns err on the early side — never sooner than the minimum; a turn past the maximum is drawn
/// at random between the two, so a crowd beyond the horizon does not come back in one instant either. Thread-safe; the
/// caller reports each admitted write's running time and asks for a turn at each refusal; the random source is given.
/// </summary>
public sealed class RetrySchedule(int slots, TimeSpan minimum, TimeSpan maximum, Random random)
{
    /// <summary>How many times the estimated rate of writes the turns are given at.</summary>
    public const int Headroom = 2;

    /// <summary>The weight of the newest running time in the moving average.</summary>
    public const double Smoothing = 0.1;

    private readonly Lock _gate = new();
    private TimeSpan? _running;
    private DateTimeOffset _lastTurn = DateTimeOffset.MinValue;

    /// <summary>The running time of writes the schedule assumes now (null until one is reported).</summary>
    public TimeSpan? Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>An admitted write ran this long.</summary>
    public void Finished(TimeSpan running)
    {
        lock (_gate)
        {
            _running = _running is { } average ? average * (1 - Smoothing) + running * Smoothing : running;
        }
    }

    /// <summary>A refusal at <paramref name="now"/>: the whole seconds after which it should come back.</summary>
    public int RetryAfterSeconds(DateTimeOffset now)
    {
        lock (_gate)
        {
            // Writes taken per second at most: the slots over a write's running time (no measure yet: the minimum only).
            var interval = _running is { } running && slots > 0 ? running / (slots * Headroom) : TimeSpan.Zero;
            var turn = _lastTurn + interval;
            if (turn < now + minimum)
            {
                turn = now + minimum;
            }
            if (turn > now + maximum)
            {
                // Beyond the horizon: anywhere within it (the turns resume from the horizon).
                _lastTurn = now + maximum;
                return (int)Math.Ceiling((minimum + (maximum - minimum) * random.NextDouble()).TotalSeconds - 1e-9);
            }
            _lastTurn = turn;
            return (int)Math.Ceiling((turn - now).TotalSeconds - 1e-9);
        }
    }
}
