//! The pairings of the first part of the course: generators.

use super::{Pairing, also, pairs};

pub(super) const PAIRINGS: &[Pairing] = &[
    FIB,
    LINEAR_SEARCH,
    COOPERATIVE_SEARCH,
    GENERATOR_BASICS,
    USER_INPUT,
    PULL_MOVE,
    CHARACTER_MOVE,
];

const FIB: Pairing = Pairing {
    lesson: "fib",
    also: &[],
    pairs: pairs![
        ("def fib():")("pub fn fib()"..="Gen::new(|co| async move {"),
        ("a = 2"..="b = 1")("let (mut a, mut b): (u64, u64) = (2, 1);"),
        ("yield a")("co.yield_(a).await;"),
        ("while True:")("loop {"),
        ("yield b")("co.yield_(b).await;"),
        ("a, b = b, a + b")("let Some(next) = a.checked_add(b) else {"..="(a, b) = (b, next);"),
        ("f = fib()")("let mut f = fib();"),
        ("next(f)")("if let Some(first) = f.next() {"..="}\n"),
        ("from itertools import islice")(-"Rust's iterators have `take` built in"),
        ("list(islice(fib(), 20))")("let first_twenty"..="first_twenty.py_str()"),
    ],
};

const LINEAR_SEARCH: Pairing = Pairing {
    lesson: "linear-search",
    also: &[],
    pairs: pairs![
        ("fib = definitions(\"fib\", \"fib\")")("use corogen::notebook::"),
        ("def search(iterable, predicate):")(
            "pub fn search<I: IntoIterator>("..=") -> Result<I::Item, NotFound> {"
        ),
        ("for item in iterable:"..="return item")("iterable\n"..=".find(|item| predicate(item))"),
        ("raise ValueError(\"Not found\")")(".ok_or(NotFound)"),
        ("search(fib(), lambda x: len(str(x)) >= 3)")(
            "match search(fib(), |x| x.to_string().len() >= 3) {"..="ValueError: {error}"
        ),
    ],
};

const COOPERATIVE_SEARCH: Pairing = Pairing {
    lesson: "cooperative-search",
    also: &[],
    pairs: pairs![
        ("fib = definitions(\"fib\", \"fib\")")("use corogen::notebook::"),
        ("def async_search(iterable, predicate):")(
            "pub fn async_search<I, P>("..="Gen::new(move |co| async move {"
        ),
        ("print('initializing generator')")(
            "trace.print(format_args!(\"initializing generator\"));"
        ),
        ("call_counter = 0")("let mut call_counter: u64 = 0;"),
        ("for item in iterable:")("for item in iterable {"),
        ("call_counter += 1")("call_counter += 1;"),
        ("print(f'async_search - called")("trace.print(format_args!(\"async_search - called"),
        ("if predicate(item):")("if predicate(&item) {"),
        ("print(f'async_search - predicate returned True')")(
            "trace.print(format_args!(\"async_search - predicate returned True\"));"
        ),
        ("return item")("return Ok(item);"),
        ("# interrupt the loop"..="yield\n")("// Hand control back"..="co.yield_(()).await;"),
        ("raise ValueError(\"Not found\")")("Err(NotFound)"),
        ("g = async_search(fib(), lambda x: len(str(x)) >= 3)")(
            "let mut g = async_search(stage.trace(), fib(), |x| x.to_string().len() >= 3);"
                ..="let mut next = || g.resume();"
        ),
        ("next(g)\nnext(g)\nnext(g)")("next();\n    next();\n    next();"),
        ("print(\"Do other stuff 1\")")("stage.say(format_args!(\"Do other stuff 1\"));"),
        ("next(g)\nnext(g)\nnext(g)\nnext(g)")("next();\n    next();\n    next();\n    next();"),
        ("print(\"Do other stuff 2\")")("stage.say(format_args!(\"Do other stuff 2\"));"),
        ("next(g)\nnext(g)")("next();\n    next();"),
        ("print(\"Do other stuff 3\")")("stage.say(format_args!(\"Do other stuff 3\"));"),
        ("next(g)")("next();"),
        ("next(g)")("// The eleventh resume finds 123."..="(still searching)"),
    ],
};

const GENERATOR_BASICS: Pairing = Pairing {
    lesson: "generator-basics",
    also: &[],
    pairs: pairs![
        ("def gen(max=5):")("let gen_ = |max: u32| {"..="Gen::new(move |co| async move {"),
        ("a = 0")("let mut a = 0;"),
        ("while a < max:")("while a < max {"),
        ("print(\"Harvest!\")")("trace.print(format_args!(\"Harvest!\"));"),
        ("yield a")("co.yield_(a).await;"),
        ("a += 1")("a += 1;"),
        ("l = gen()")("let mut l = gen_(5);"),
        ("print(l)")("stage.say(format_args!(\"{}\", type_name(&l)));"),
        ("print(next(l), next(l))")(
            "// Python evaluates both"
                ..="stage.say(format_args!(\"{} {}\", a.py_str(), b.py_str()));"
        ),
        ("print(list(l))")("stage.say(format_args!(\"{}\", l.collect::<Vec<_>>().py_str()));"),
        ("def coro(max=3):")(
            "let trace = stage.trace();\n    let mut coro"..="Gen::new(move |co| async move {"
        ),
        ("a = 0")("let mut a = 0;"),
        ("print(\"Start something\")")("trace.print(format_args!(\"Start something\"));"),
        ("while a < max:")("while a < 3 {"),
        ("t = yield")("let t: String = co.yield_(()).await;"),
        ("print(f\"Consumed! {t}\")")("trace.print(format_args!(\"Consumed! {t}\"));"),
        ("a += 1")("a += 1;"),
        ("l = coro()")("let mut coro = Gen::new("),
        ("print(l)")("stage.say(format_args!(\"{}\", type_name(&coro)));"),
        ("print(next(l))")(
            "// `next(l)` runs to the first `yield`"..="stage.say(format_args!(\"None\"));"
        ),
        ("l.send(1)"..="l.send(\"pow\")")(
            "for value in [\"1\", \"wow\", \"pow\"] {"
                ..="stage.say(format_args!(\"StopIteration\"));"
        ),
    ],
};

const USER_INPUT: Pairing = Pairing {
    lesson: "user-input",
    also: &[
        also!("src/user_input.rs", "UserInput"),
        also!("src/user_input.rs", "UserInput::new"),
        also!("src/user_input.rs", "UserInput::draw"),
        also!("src/user_input.rs", "PacedInput"),
        also!("src/user_input.rs", "PacedInput::new"),
        also!("src/user_input.rs", "PacedInput::get_key"),
    ],
    pairs: pairs![
        ("from dataclasses import dataclass"..="from warnings import warn")(
            -"the `use` lines at the top of the whole file below"
        ),
        ("@dataclass"..="\"\"\"User input representation.\"\"\"")(
            "pub struct PacedInput<C> {"..="clock: C,"
        ),
        ("period: float = 1.0")("period: Duration,"),
        ("choices: Iterable[str]"..="pressed_probability: float = 0.3")(
            "pub fn new(random: SplitMix64) -> Self {"..="pressed_probability: 0.3,"
        ),
        ("def __post_init__(self):"..="self._last_event = None")(
            "pub fn new(input: UserInput, clock: C) -> Self {"..="last_event: None,"
        ),
        ("def get_key(self) -> Optional[str]:"..="current_time = monotonic()")(
            "pub fn get_key(&mut self) -> Option<char> {"..="let now = self.clock.now();"
        ),
        ("time_since_last_event =  current_time - self._last_event_time")(
            "let since = now.saturating_sub(self.last_event_time);"
        ),
        ("if time_since_last_event < self.period:"..="return self._last_event")(
            "if since < self.period {"..="return self.last_event;"
        ),
        ("if time_since_last_event / 2 > self.period:"
            ..="previous events may be lost.\"\n            )")(
            "self.late_by = (since / 2 > self.period)"
        ),
        ("self._last_event_time = current_time - (time_since_last_event % self.period)")(
            "let into_period = since"..="self.last_event_time = now.saturating_sub(into_period);"
        ),
        ("self._last_event = choice(self.choices) if self.pressed_probability > random() else None")(
            "self.last_event = self.input.draw();"
        ),
        (-"the line above's `choice(…) if … > random() else None`")(
            "pub fn draw(&mut self) -> Option<char> {"..="None\n        }"
        ),
        ("return self._last_event")("self.last_event\n"),
        ("from time import monotonic, sleep")(-"imported above already"),
        ("user_input = UserInput(1)")(
            "let mut user_input = PacedInput::new(UserInput::new(stage.random()), stage.clock());"
        ),
        ("for _ in range(10):")("for _ in 0..10 {"),
        ("print(\"Key pressed:\", user_input.get_key())")(
            "let key = user_input.get_key();"..="show_key(key)"
        ),
        ("sleep(1)")("stage.pause(Duration::from_secs(1));"),
    ],
};

const PULL_MOVE: Pairing = Pairing {
    lesson: "pull-move",
    also: &[also!("src/user_input.rs", "movement")],
    pairs: pairs![
        ("from earlier_cells import definitions"
            ..="UserInput = definitions(\"user_input\", \"UserInput\")")("use corolab::{"),
        ("def handle_character_move(user_input: UserInput) -> Iterable:"
            ..="\"\"\"Get the user input")(
            "fn handle_character_move("..="Gen::new(|co| async move {"
        ),
        ("movements = dict(zip(")(
            "pub fn movement(key: Option<char>) -> &'static str {"..="_ => \"stay\","
        ),
        ("while True:")("loop {"),
        ("key_pressed = user_input.get_key()")(
            "let key_pressed = user_input.borrow_mut().get_key();"
        ),
        ("yield movements.get(key_pressed, \"stay\")")("co.yield_(movement(key_pressed)).await;"),
        ("user_input = UserInput(1)")(
            "let user_input = PacedInput::new"
                ..="let user_input: SharedInput = Rc::new(RefCell::new(user_input));"
        ),
        ("for _, action in zip(")("for (_, action) in (0..10).zip("),
        ("print(\"MAIN FLOW: Key pressed:\", user_input.get_key())")(
            "let key = user_input.borrow_mut().get_key();"..="show_key(key)"
        ),
        ("print(\"COROUTINE:\", action)")("stage.say(format_args!(\"COROUTINE: {action}\"));"),
        ("sleep(1)")("stage.pause(Duration::from_secs(1));"),
    ],
};

const CHARACTER_MOVE: Pairing = Pairing {
    lesson: "character-move",
    also: &[],
    pairs: pairs![
        ("from earlier_cells import definitions"
            ..="UserInput = definitions(\"user_input\", \"UserInput\")")("use corolab::{"),
        ("def handle_character_move() -> Iterable:"..="\"\"\"Get the user input")(
            "let mut character_move_coroutine = Gen::new(|co| async move {"
        ),
        ("movements = dict(zip(")(
            "pub fn movement(key: Option<char>) -> &'static str {"..="_ => \"stay\","
        ),
        ("key_pressed = None")("let mut key_pressed = None;"),
        ("while True:")("loop {"),
        ("action = movements.get(key_pressed, \"stay\")")("let action = movement(key_pressed);"),
        ("key_pressed = (yield action)")("key_pressed = co.yield_(action).await;"),
        ("user_input = UserInput(1)")("let mut user_input = UserInput::new(stage.random());"),
        ("character_move_coroutine = handle_character_move()")(
            "// Sent in: the key pressed."..="let mut character_move_coroutine = Gen::new("
        ),
        ("next(character_move_coroutine)")("character_move_coroutine.resume_with(None);"),
        ("try:")(-"no `try`: what `finally` does below, Rust does when the generator goes"),
        ("for _ in range(10):")("for _ in 0..stage.flag::<u32>(\"frames\") {"),
        ("key = user_input.get_key()")("let key = user_input.get_key();"),
        ("print(\"MAIN FLOW: Key pressed:\", key)")(
            "stage.say(format_args!(\"MAIN FLOW: Key pressed: {}\", key.py_str()));"
        ),
        ("if key is not None:"..="print(\"COROUTINE:\", character_move_coroutine.send(key))")(
            "if key.is_some()"..="stage.say(format_args!(\"COROUTINE: {action}\"));"
        ),
        ("sleep(1)")("stage.pause(Duration::from_secs(1));"),
        ("finally:"..="character_move_coroutine.close()")(
            -"the generator is dropped at the end of `lesson`: dropping closes"
        ),
    ],
};
