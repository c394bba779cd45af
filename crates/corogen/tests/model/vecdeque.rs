//! The `VecDeque` model of the notebook's scheduler that `model.rs` checks
//! corogen's `Scheduler` against: what each host action does, and every line the
//! trace should hold.

use std::collections::VecDeque;

use corogen::{ControlRefusal, SendRefusal};

use super::{Action, Case, Op, foreign_message};

#[derive(Default)]
pub(crate) struct Model {
    ops: Vec<Vec<Op>>,
    pc: Vec<usize>,
    /// The yield each task is paused at; `None` before its first step.
    paused_at: Vec<Option<usize>>,
    /// Whether the task holds a bomb.
    armed: Vec<bool>,
    queue: VecDeque<usize>,
    results: Vec<Option<Result<u64, String>>>,
    taken: Vec<bool>,
    closed: Vec<bool>,
    text: String,
    foreign: String,
}

enum Resumed {
    Yielded,
    Completed,
    Failed,
}

impl Model {
    fn resume(&mut self, t: usize, sent: u32) -> Resumed {
        self.text.push_str(&format!("Running task {t}\n"));
        if let Some(k) = self.paused_at[t] {
            self.text.push_str(&format!("t{t}.{k} got {sent}\n"));
        }
        let bomb = format!("bomb t{t}");
        let not_text = "panicked with a value that is not a string";
        while let Some(&op) = self.ops[t].get(self.pc[t]) {
            let k = self.pc[t];
            self.pc[t] += 1;
            let message = match op {
                Op::Yield => {
                    self.paused_at[t] = Some(k);
                    return Resumed::Yielded;
                }
                Op::Arm => {
                    self.armed[t] = true;
                    continue;
                }
                // A bomb goes off as the routine returns, inside its step, and
                // that panic is the task's failure.
                Op::Fail if self.armed[t] => bomb,
                Op::Fail => format!("t{t} failed"),
                // A bomb keeps quiet while a panic unwinds.
                Op::Panic => format!("t{t} panicked"),
                Op::PanicStr => "static panic".to_owned(),
                Op::PanicAny => not_text.to_owned(),
                Op::PanicOnDrop => {
                    format!("{not_text}; dropping the panic's value panicked too: payload drop")
                }
                // The task is dropped with the bomb still held.
                Op::Foreign if self.armed[t] => format!(
                    "{}; a destructor panicked as the task was dropped: {bomb}",
                    self.foreign
                ),
                Op::Foreign => self.foreign.clone(),
            };
            return self.fail(t, message);
        }
        if self.armed[t] {
            return self.fail(t, bomb);
        }
        self.text.push_str(&format!(
            "----------------------\nTask {t} completed with result: {t}\n"
        ));
        self.results[t] = Some(Ok(t as u64));
        Resumed::Completed
    }

    /// Where `t` is in the queue, or why it cannot be closed or thrown into.
    fn find(&self, t: usize) -> Result<usize, String> {
        let reason = match self.queue.iter().position(|&q| q == t) {
            Some(position) => return Ok(position),
            None if t >= self.ops.len() => ControlRefusal::Unknown,
            None if self.closed[t] => ControlRefusal::Closed,
            None => ControlRefusal::Finished,
        };
        Err(format!("refused {reason:?}"))
    }

    /// The task is dropped where it is paused: a bomb it holds goes off.
    fn close(&mut self, t: usize) -> String {
        let position = match self.find(t) {
            Ok(position) => position,
            Err(refused) => return refused,
        };
        self.queue.remove(position);
        if self.armed[t] {
            let message = format!("a destructor panicked as the task was closed: bomb t{t}");
            self.fail(t, message);
            return "close Failed".to_owned();
        }
        self.text.push_str(&format!("Task {t} closed\n"));
        self.closed[t] = true;
        "close Closed".to_owned()
    }

    /// The routines cannot catch: each fails with what is thrown, then is
    /// dropped, and a bomb it holds goes off.
    fn throw(&mut self, t: usize, v: u32) -> String {
        let position = match self.find(t) {
            Ok(position) => position,
            Err(refused) => return refused,
        };
        self.queue.remove(position);
        self.text.push_str(&format!("Running task {t}\n"));
        let mut message = format!("thrown {v}");
        if self.armed[t] {
            message.push_str(&format!(
                "; a destructor panicked as the task was dropped: bomb t{t}"
            ));
        }
        self.fail(t, message);
        format!("failed {t}")
    }

    fn fail(&mut self, t: usize, message: String) -> Resumed {
        self.text
            .push_str(&format!("Failed with exception: {message}\n"));
        self.results[t] = Some(Err(message));
        Resumed::Failed
    }

    /// The scheduler is dropped: each task still queued that holds a bomb is
    /// recorded, in queue order.
    fn drop_scheduler(&mut self) {
        for &t in &self.queue {
            if self.armed[t] {
                self.text.push_str(&format!(
                    "Failed with exception: dropped with its scheduler, and a destructor \
                     panicked: bomb t{t}\n"
                ));
            }
        }
    }

    fn show(t: usize, resumed: &Resumed) -> String {
        match resumed {
            Resumed::Yielded => format!("yielded {t}"),
            Resumed::Completed => format!("completed {t}"),
            Resumed::Failed => format!("failed {t}"),
        }
    }

    pub(crate) fn run((routines, actions): &Case) -> (Vec<String>, String) {
        let n = routines.len();
        let mut model = Self {
            ops: routines.clone(),
            pc: vec![0; n],
            paused_at: vec![None; n],
            armed: vec![false; n],
            queue: (0..n).collect(),
            results: vec![None; n],
            taken: vec![false; n],
            closed: vec![false; n],
            text: String::new(),
            foreign: foreign_message(),
        };
        let results = actions
            .iter()
            .map(|action| match *action {
                Action::Step => match model.queue.pop_front() {
                    None => "idle".to_owned(),
                    Some(t) => {
                        let resumed = model.resume(t, 0);
                        if let Resumed::Yielded = resumed {
                            model.queue.push_back(t);
                        }
                        Self::show(t, &resumed)
                    }
                },
                Action::Send(t, v) => {
                    let t = usize::from(t);
                    match model.queue.iter().position(|&q| q == t) {
                        None if t < n && model.closed[t] => {
                            format!("refused {:?}", SendRefusal::Closed)
                        }
                        None if t < n => format!("refused {:?}", SendRefusal::Finished),
                        None => format!("refused {:?}", SendRefusal::Unknown),
                        Some(_) if model.paused_at[t].is_none() => {
                            format!("refused {:?}", SendRefusal::NotStarted)
                        }
                        Some(position) => {
                            let resumed = model.resume(t, v);
                            if !matches!(resumed, Resumed::Yielded) {
                                model.queue.remove(position);
                            }
                            Self::show(t, &resumed)
                        }
                    }
                }
                Action::Take(t) => {
                    let t = usize::from(t);
                    if t >= n {
                        return "Unknown".to_owned();
                    }
                    match &model.results[t] {
                        None if model.closed[t] => "Closed".to_owned(),
                        None => "Pending".to_owned(),
                        Some(Err(message)) => format!("failed {message}"),
                        Some(Ok(_)) if model.taken[t] => "Taken".to_owned(),
                        Some(Ok(value)) => {
                            model.taken[t] = true;
                            format!("took {value}")
                        }
                    }
                }
                Action::Close(t) => model.close(usize::from(t)),
                Action::Throw(t, v) => model.throw(usize::from(t), v),
            })
            .collect();
        model.drop_scheduler();
        (results, model.text)
    }
}
