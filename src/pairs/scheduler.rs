//! The pairings of the notebook's scheduler and of `yield from`.

use super::{Pairing, also, pairs};

pub(super) const PAIRINGS: &[Pairing] = &[
    SCHEDULER_ONE_TASK,
    SCHEDULER_TWO_TASKS,
    CLOSE_THROW,
    GENERATOR_OBJECT,
    PRIMES_AND_MESSAGES,
];

const SCHEDULER_ONE_TASK: Pairing = Pairing {
    lesson: "scheduler-one-task",
    also: &[
        also!("crates/corogen/src/task.rs", "Task::new"),
        also!("crates/corogen/src/scheduler.rs", "Scheduler::with_trace"),
    ],
    pairs: pairs![
        ("from earlier_cells import definitions"..="async_search, fib = definitions(")(
            "use corogen::Scheduler;"..="use corogen::notebook::"
        ),
        ("class Task:")(
            "pub struct Task<T, S = (), Y = ()> {"..="cell: Box<TaskCell<dyn Routine<T, S, Y>>>,"
        ),
        ("next_id = 0")("next_id: TaskId,"),
        ("def __init__(self, routine):"..="Task.next_id += 1")(
            "pub(crate) fn new(id: TaskId, routine: impl Routine<T, S, Y> + 'static) -> Self {"
                ..="routine,\n"
        ),
        ("class Scheduler:")("pub struct Scheduler<T, S = (), Y = ()> {"),
        ("def __init__(self):"..="self.failed_task_errors = {}")(
            "pub fn with_trace(trace: Trace) -> Self {"..="failed: IndexMap::new(),"
        ),
        ("def add(self, routine):")(
            "pub fn add(&mut self, routine: impl Routine<T, S, Y> + 'static) -> TaskId {"
        ),
        ("task = Task(routine)"..="self.runnable_tasks.append(task)")(
            "let task = self.next_id;"..="self.runnable.push_back(Task::new(task, routine));"
        ),
        ("return task.id")("task\n    }"),
        ("def run_to_completion(self):")(
            "pub fn run_to_completion(&mut self)"..="while self.step().is_some() {}"
        ),
        ("while len(self.runnable_tasks) != 0:"..="task = self.runnable_tasks.popleft()")(
            "pub fn step_with(&mut self, value: impl FnOnce(TaskId) -> S) -> Option<Step<Y>> {"
                ..="let mut task = self.runnable.pop_front()?;"
        ),
        ("print(f\"Running task {task.id}\")"..="yielded = next(task.routine)")(
            "let id = task.id();"..="match resume(&self.trace, &mut task, value(id)) {"
        ),
        (-"`resume`, called above: `trace.enter` prints `Running task N`, `catch_unwind` is the `try`, `resume_with` the `next`")(
            "pub(crate) fn resume<T, S, Y>("
                ..="catch_unwind(AssertUnwindSafe(|| task.resume_with(sent)))"
        ),
        ("except StopIteration as stopped:"
            ..="self.completed_task_result[task.id] = stopped.value")(
            "Ok(Resumed::Returned(Ok(value))) => {"..="self.completed.insert(task, value);"
        ),
        ("except Exception as e:"..="print(f\"Failed with exception: {e}\")")(
            "Ok(Resumed::Returned(Err(message))) | Err(message) => {"
                ..="self.failed.insert(task, message);"
        ),
        ("else:"..="self.runnable_tasks.append(task)")(
            "Ok(Resumed::Yielded(value)) => {"..="self.runnable.push_back(task);"
        ),
        ("scheduler = Scheduler()")("let mut scheduler = Scheduler::with_trace(stage.trace());"),
        ("scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 3))")(
            "let id = scheduler.add(async_search("..="}));"
        ),
        ("scheduler.run_to_completion()")("scheduler.run_to_completion();"),
        ("scheduler.completed_task_result.pop(0)")(
            "// pop the result to get answer"
                ..="Err(error) => stage.say(format_args!(\"{error}\")),"
        ),
    ],
};

const SCHEDULER_TWO_TASKS: Pairing = Pairing {
    lesson: "scheduler-two-tasks",
    also: &[],
    pairs: pairs![
        ("Scheduler, async_search, fib = definitions("..=")\n")(
            "use corogen::Scheduler;"..="use corogen::notebook::"
        ),
        ("scheduler = Scheduler()")(
            "let mut scheduler: Scheduler<u64> = Scheduler::with_trace(stage.trace());"
        ),
        ("scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 3))")(
            "scheduler.add(async_search(stage.trace(), fib(), |x| {"..="}));"
        ),
        ("scheduler.add(async_search(fib(), lambda x: len(str(x)) >= 4))")(
            "scheduler.add(async_search(stage.trace(), fib(), |x| {"..="}));"
        ),
        ("scheduler.run_to_completion()")("scheduler.run_to_completion();"),
    ],
};

const CLOSE_THROW: Pairing = Pairing {
    lesson: "close-throw",
    also: &[
        also!("crates/corogen/src/scheduler.rs", "Scheduler::step"),
        also!("crates/corogen/src/scheduler.rs", "Scheduler::step_with"),
        also!("crates/corogen/src/control.rs", "Scheduler::position"),
        also!("crates/corogen/src/control.rs", "Scheduler::close"),
        also!("crates/corogen/src/control.rs", "Scheduler::throw"),
    ],
    pairs: pairs![
        ("Scheduler = definitions(\"scheduler_one_task\", \"Scheduler\")")("use corogen::{"),
        ("def step(self):"..="self.runnable_tasks.append(task)")(
            "pub fn step_with(&mut self, value: impl FnOnce(TaskId) -> S) -> Option<Step<Y>> {"
                ..="Some(self.settle(id, retire(task, ended, self.render)))"
        ),
        ("def find(self, task_id):"..="return next(task for task")(
            "fn position(&self, task: TaskId) -> Option<usize> {"
                ..="self.runnable.iter().position(|t| t.id() == task)"
        ),
        ("def close(self, task_id):"..="print(f\"Task {task.id} closed\")")(
            "pub fn close(&mut self, task: TaskId) -> Result<TaskState, CloseError> {"
                ..="Ok(TaskState::Closed)"
        ),
        ("def throw(self, task_id, error):"..="print(f\"Failed with exception: {e}\")")(
            "pub fn throw(&mut self, task: TaskId, error: Thrown) -> Result<Step<Y>, ThrowError> {"
                ..="Ok(self.settle(task, thrown))"
        ),
        ("def async_ticker(name, ticks):")("fn async_ticker("..="Gen::new(move |co| async move {"),
        ("try:")("let _finally = CleanUp {"..="};"),
        ("for i in range(ticks):")("for i in 0..ticks {"),
        ("print(f\"{name}: tick {i}\")")("trace.print(format_args!(\"{name}: tick {i}\"));"),
        ("yield")("co.yield_(()).await;"),
        ("return ticks")("ticks\n"),
        ("finally:"..="print(f\"{name}: cleaning up\")")(
            "struct CleanUp {"..="self.trace.print(format_args!(\"{}: cleaning up\", self.name));"
        ),
        ("def async_guard(name):")(
            "fn async_guard("..="Gen::new(move |co: Co<(), Result<(), Thrown>>| async move {"
        ),
        ("print(f\"{name}: on guard\")")("trace.print(format_args!(\"{name}: on guard\"));"),
        ("caught = 0")("let mut caught = 0;"),
        ("while caught < 2:")("while caught < 2 {"),
        ("try:"..="except ValueError as e:")("if let Err(e) = co.yield_(()).await {"),
        ("caught += 1")("caught += 1;"),
        ("print(f\"{name}: caught {e}\")")("trace.print(format_args!(\"{name}: caught {e}\"));"),
        ("return caught")("Ok(caught)"),
        ("scheduler = HandScheduler()")(
            "let mut scheduler: Scheduler<u32> = Scheduler::with_trace(trace.clone());"
        ),
        ("closed = scheduler.add(async_ticker(\"first\", 10))")(
            "let closed = scheduler.add_infallible(async_ticker(trace.clone(), \"first\", 10));"
        ),
        ("thrown = scheduler.add(")("let thrown = scheduler.add_infallible("),
        ("guard = scheduler.add(async_guard(\"guard\"))")(
            "let guard = scheduler.add_catching(async_guard(trace, \"guard\"));"
        ),
        ("for _ in range(6):"..="scheduler.step()")("scheduler.run_steps(6);"),
        ("scheduler.close(closed)")(
            "// Each names a task still running"
                ..="say_if_refused(stage, scheduler.close(closed));"
        ),
        ("scheduler.throw(thrown, ValueError(\"bad key\"))")(
            "say_if_refused(stage, scheduler.throw(thrown, Thrown::new(\"bad key\")));"
        ),
        ("scheduler.throw(guard, ValueError(\"bad key\"))")(
            "say_if_refused(stage, scheduler.throw(guard, Thrown::new(\"bad key\")));"
        ),
        ("scheduler.step()")("scheduler.step();"),
        ("scheduler.throw(guard, ValueError(\"worse key\"))")(
            "say_if_refused(stage, scheduler.throw(guard, Thrown::new(\"worse key\")));"
        ),
    ],
};

const GENERATOR_OBJECT: Pairing = Pairing {
    lesson: "generator-object",
    also: &[],
    pairs: pairs![
        ("async_is_prime = definitions(\"primes_and_messages\", \"async_is_prime\")")(
            "use corogen::notebook::"
        ),
        ("print(async_is_prime(2))")(
            "let clock = stage.clock();"..="stage.say(format_args!(\"{name}\"));"
        ),
        (-"nothing: a generator never resumed is collected unrun")(
            "// Never resumed"..="drop(generator);"
        ),
    ],
};

const PRIMES_AND_MESSAGES: Pairing = Pairing {
    lesson: "primes-and-messages",
    also: &[],
    pairs: pairs![
        ("from earlier_cells import definitions"
            ..="Scheduler, fib = definitions(\"scheduler_one_task\", \"Scheduler\", \"fib\")")(
            "use corogen::Scheduler;"..="use corogen::notebook::"
        ),
        ("def async_sleep(interval_secs):")(
            "pub async fn async_sleep<S>(co: &Co<(), S>, clock: &impl Clock, interval: Duration) {"
        ),
        ("start = time.time()"..="expiry = start + interval_secs")(
            "let expiry = clock.now().saturating_add(interval);"
        ),
        ("while True:")("loop {"),
        ("yield")("co.yield_(()).await;"),
        ("now = time.time()"..="if now > expiry:")("if clock.now() > expiry {"),
        ("break;")("break;"),
        ("def async_is_prime(x):")(
            "pub async fn async_is_prime<S>(co: &Co<(), S>, clock: &impl Clock, x: u64) -> bool {"
        ),
        ("if x < 2:"..="return False")("if x < 2 {"..="return false;"),
        ("for i in range(2, int(sqrt(x))+1):")("for i in 2..=x.isqrt() {"),
        ("if x % i == 0:"..="return False")("if x % i == 0 {"..="return false;"),
        ("yield from async_sleep(0)")("async_sleep(co, clock, Duration::ZERO).await;"),
        ("return True")("true\n"),
        ("def async_print_matches(iterable, async_predicate):")(
            "pub fn async_print_matches<I, P>("..="Gen::new(move |co| async move {"
        ),
        ("for item in iterable:")("for item in iterable {"),
        ("matches = yield from async_predicate(item)")(
            "let matches = async_predicate(&co, item.clone()).await;"
        ),
        ("if matches:")("if matches {"),
        ("print(f\"Found: {item}\")")("trace.print(format_args!(\"Found: {item}\"));"),
        ("def async_repetitive_message(msg, interval_secs):")(
            "pub fn async_repetitive_message("..="Gen::new(move |co| async move {"
        ),
        ("while True:")("loop {"),
        ("print(msg)")("trace.print(format_args!(\"{msg}\"));"),
        ("yield from async_sleep(interval_secs)")("async_sleep(&co, &clock, interval).await;"),
        ("sched = Scheduler()")(
            "let mut sched: Scheduler<()> = Scheduler::with_trace(stage.trace());"
        ),
        ("sched.add(async_repetitive_message('This is an async message', 2))")(
            "sched.add(async_repetitive_message("..="));"
        ),
        ("sched.add(async_print_matches(fib(), async_is_prime))")(
            "// The notebook passes `async_is_prime` itself"
                ..="sched.add(async_print_matches(stage.trace(), fib(), is_prime));"
        ),
        ("sched.run_to_completion()")("while found.get() < wanted && sched.step().is_some() {}"),
    ],
};
