//! A minimal `tracing` subscriber for the tests of the `tracing` feature: it
//! keeps each span's fields and each event with its parent span, as text.
//! (Included by this crate's tests and by the workspace's, which run a loop.)

use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use corotrace::TRACING_TARGET;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Metadata, Subscriber};

/// What a minimal `tracing` subscriber saw: each span's fields, and each event
/// as `(span fields or "-", message, other fields)`.
#[derive(Default)]
pub struct Seen {
    pub spans: Vec<String>,
    pub events: Vec<(String, String)>,
}

#[derive(Clone, Default)]
pub struct Collector {
    pub seen: Arc<Mutex<Seen>>,
}

/// The fields of a span or event, as `name=value`, the message apart.
#[derive(Default)]
struct Fields {
    message: String,
    rest: Vec<String>,
}

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        if field.name() == "message" {
            self.message = format!("{value:?}");
        } else {
            self.rest.push(format!("{}={value:?}", field.name()));
        }
    }
}

impl Subscriber for Collector {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Fields::default();
        span.record(&mut fields);
        let mut seen = self.seen.lock().unwrap();
        let text = [span.metadata().name().to_owned()]
            .into_iter()
            .chain(fields.rest);
        seen.spans.push(text.collect::<Vec<_>>().join(" "));
        Id::from_u64(seen.spans.len() as u64)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut fields = Fields::default();
        values.record(&mut fields);
        let index = span.into_u64() as usize - 1;
        let mut seen = self.seen.lock().unwrap();
        let text = &mut seen.spans[index];
        for field in fields.rest {
            text.push(' ');
            text.push_str(&field);
        }
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        assert_eq!(event.metadata().target(), TRACING_TARGET);
        let mut fields = Fields::default();
        event.record(&mut fields);
        let mut seen = self.seen.lock().unwrap();
        let parent = match event.parent() {
            Some(id) => seen.spans[id.into_u64() as usize - 1].clone(),
            None => "-".to_owned(),
        };
        let text = [fields.message]
            .into_iter()
            .chain(fields.rest)
            .collect::<Vec<_>>();
        seen.events.push((parent, text.join(" ")));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}
