//! The model's `wait_for`: asyncio 3.11's (rules 10 and 15), as coroasync runs it.

use super::{End, Entry, Kind, Model, State, joined};

impl Model {
    /// A step of a task in a `wait_for`, as `WaitFor::poll` takes it.
    pub(super) fn resume_timed(&mut self, t: usize) -> bool {
        let State::Timed {
            inner,
            timer,
            cancelling,
            notified,
        } = self.tasks[t].state
        else {
            unreachable!("only called in a wait_for")
        };
        if self.tasks[t].interrupted > 0 {
            return self.interrupted_timed(t, inner, timer, cancelling, notified);
        }
        let due = !cancelling && self.fired.contains(&timer);
        if !notified && !due {
            return false; // a wake-up that is not this wait's
        }
        if self.tasks[inner].state != State::Done {
            if due {
                self.tasks[t].state = State::Timed {
                    inner,
                    timer,
                    cancelling: true,
                    notified,
                };
                self.tasks[inner].cancel = true;
                self.schedule(inner);
            }
            return false;
        }
        self.cancel_timer(timer);
        self.timed_result(t, inner, cancelling);
        self.finish_op(t);
        true
    }

    /// A step of task `t`, cancelled in a `wait_for` of `inner`: as
    /// `WaitFor::poll_interrupted`, the first time it takes the result of an
    /// `inner` that has ended (the cancellation is spent and `t` runs on), ends
    /// `t` if the wait was cancelling `inner` for its time limit, or cancels
    /// `inner`; then it ends `t` once `inner` has ended and its end has come
    /// through. Whether `t` runs on.
    fn interrupted_timed(
        &mut self,
        t: usize,
        inner: usize,
        timer: u64,
        cancelling: bool,
        notified: bool,
    ) -> bool {
        let done = self.tasks[inner].state == State::Done;
        let first = self.tasks[t].interrupted == 1;
        self.tasks[t].interrupted = 2;
        match (first, done) {
            (true, _) if cancelling => self.end(t, End::Cancelled),
            (true, true) => {
                self.tasks[t].interrupted = 0;
                self.tasks[t].cancel = false;
                self.cancel_timer(timer);
                self.timed_result(t, inner, false);
                self.finish_op(t);
                return true;
            }
            (true, false) => {
                self.tasks[inner].cancel = true;
                self.schedule(inner);
            }
            (false, true) if notified => self.end(t, End::Cancelled),
            (false, _) => {}
        }
        false
    }

    /// Says what a finished `wait_for` of `inner` gave task `t`, and takes it.
    pub(super) fn timed_result(&mut self, t: usize, inner: usize, cancelling: bool) {
        let k = self.tasks[t].pc;
        let end = self.tasks[inner].end.clone();
        if cancelling && end == Some(End::Cancelled) {
            self.lines.push(format!("t{t}.{k} timeout"));
            return;
        }
        match self.tasks[inner].kind {
            Kind::Child { .. } => {
                let how = joined(end.as_ref());
                self.lines.push(format!("t{t}.{k} joined {how}"));
            }
            _ => {
                let carry = self.tasks[inner]
                    .carry
                    .take()
                    .expect("a finished inner task");
                self.take(t, carry);
            }
        }
    }

    /// `t` starts a `wait_for` of task `inner` with a limit of `s` seconds: its
    /// timer is set, then the task is looked at; one finished already is taken
    /// two hops later, as asyncio 3.11's done callback and waiter take them.
    pub(super) fn start_timed(&mut self, t: usize, inner: usize, s: u8) -> bool {
        let timer = self.add_timer(t, s);
        if self.tasks[inner].state == State::Done {
            self.ready.push_back(Entry::Notify(t, inner));
        }
        self.tasks[t].state = State::Timed {
            inner,
            timer,
            cancelling: false,
            notified: false,
        };
        false
    }
}
