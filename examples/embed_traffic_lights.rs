//! Embedding coroasync in a simulation's own loop: traffic lights and a queue of
//! cars, advanced one simulated second at a time: one `run_for` frame a second. The
//! simulation owns time: it always runs on the virtual clock, and when run by hand
//! shows each second for 200 ms.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use coroasync::{Event, EventLoop, Queue, sleep};
use corolab::{Flag, Kind, SplitMix64, Stage};

/// This lesson runs on coroasync.
pub const KIND: Kind = Kind::Futures;

/// The flags this lesson takes, besides `--virtual` (`-- --help` lists them).
pub const FLAGS: &[Flag] = &[
    Flag::new::<u32>("seconds", "16", "How many simulated seconds to run"),
    Flag::seed("7"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Light {
    Green,
    Yellow,
    Red,
}

/// Cycles the light: green 3 s, yellow 1 s, red 4 s; `green` is set while green.
async fn controller(light: Rc<Cell<Light>>, green: Event) {
    loop {
        for (colour, secs) in [(Light::Green, 3), (Light::Yellow, 1), (Light::Red, 4)] {
            light.set(colour);
            if colour == Light::Green {
                green.set();
            } else {
                green.clear();
            }
            sleep(Duration::from_secs(secs)).await;
        }
    }
}

/// Cars arrive now and then and join the queue.
async fn arrivals(queue: Queue<u32>, mut random: SplitMix64) {
    for car in 1.. {
        sleep(Duration::from_secs(random.randint(1, 3))).await;
        let _ = queue.put_nowait(car);
    }
}

/// One car crosses per second, while the light is green.
async fn crossing(queue: Queue<u32>, green: Event, passed: Rc<Cell<u32>>) {
    loop {
        green.wait().await;
        if queue.get_nowait().is_ok() {
            passed.set(passed.get() + 1);
        }
        sleep(Duration::from_secs(1)).await;
    }
}

/// The simulation's loop: one frame per second, then the picture.
pub fn lesson(stage: &Stage) {
    let lp = (EventLoop::with_virtual_clock())
        .with_order(stage.order())
        .with_trace(stage.trace());
    let light = Rc::new(Cell::new(Light::Red));
    let green = Event::new();
    let queue = Queue::new(0);
    let passed = Rc::new(Cell::new(0));
    lp.spawn(controller(Rc::clone(&light), green.clone()));
    lp.spawn(arrivals(queue.clone(), stage.random()));
    lp.spawn(crossing(queue.clone(), green, Rc::clone(&passed)));

    for second in 0..stage.flag::<u32>("seconds") {
        // One frame per simulated second: every timer due in it fires at its own
        // time, and the frame ends with the second's work done. The first, empty,
        // frame settles what starts at 0 s.
        let frame = if second == 0 {
            Duration::ZERO
        } else {
            Duration::from_secs(1)
        };
        let _ = lp.run_for(frame);
        let waiting = "#".repeat(queue.qsize());
        stage.say(format_args!(
            "t={second:>2}s  {:<6}  waiting: {waiting:<8}  passed: {}",
            format!("{:?}", light.get()),
            passed.get()
        ));
        if !stage.is_virtual() {
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

fn main() {
    corolab::play(KIND, FLAGS, lesson);
}
