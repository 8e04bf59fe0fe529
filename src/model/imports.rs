//! Following imports into the other files of the project.
//!
//! An import the project resolves ([`Environment::import`]) reads the imported name in that
//! file, through its own bindings, and anchors the value at the expression that brought it
//! in. An import the project does not resolve (a package, a built-in module) stays a
//! [`Ref`] for the recognisers.

use std::sync::Arc;

use super::eval::{Evaluator, ModuleRef, Ref, Value};
use super::ir::Span;
use super::{Bound, Export, Import, Module};

impl Evaluator<'_> {
    /// The value an import binds, read at `span`.
    pub(super) fn import(&self, import: &Import, span: &Span) -> Value {
        match self.env.import(self.module, &import.module) {
            Some(module) => match &import.member {
                None => Value::Module(ModuleRef(module)),
                Some(member) => self.export_of(&module, member, span),
            },
            None => Value::Ref(Ref {
                module: Some(import.module.clone()),
                path: import.member.iter().cloned().collect(),
            }),
        }
    }

    /// What `module` exports as `name`, brought into the linted file at `span`.
    pub fn export_of(&self, module: &Arc<Module>, name: &str, span: &Span) -> Value {
        let inner = self.enter(module, span);
        let bindings = &module.program.bindings;
        let Some(exports) = &module.program.exports else {
            // Python: every module-level name is importable; a name the package does not
            // bind may be one of its modules.
            if bindings.module_level(name).is_some() {
                return inner.module_name(name, span);
            }
            return match self.env.submodule(module, name) {
                Some(sub) => Value::Module(ModuleRef(sub)),
                None => Value::Unknown(inner.span(span)),
            };
        };
        match exports.names.get(name) {
            Some(Export::Local(local)) => return inner.module_name(local, span),
            Some(Export::Value(expr)) => return inner.eval(expr),
            Some(Export::From(import)) => return inner.import(import, span),
            None => {}
        }
        for star in &exports.stars {
            if let Some(target) = self.env.import(module, star) {
                let value = inner.export_of(&target, name, span);
                if !value.is_unknown() {
                    return value;
                }
            }
        }
        // CommonJS: `exports.x = …`, `module.exports.x = …`, `module.exports = { x }`.
        for dotted in [format!("module.exports.{name}"), format!("exports.{name}")] {
            if let Some(Bound::Value(expr)) = bindings.module_level(&dotted).map(|b| &b.bound) {
                return inner.eval(&expr.clone());
            }
        }
        if let Some(Bound::Value(expr)) = bindings.module_level("module.exports").map(|b| &b.bound)
        {
            let whole = inner.eval(&expr.clone());
            return if name == "default" {
                whole
            } else {
                inner.attr_of(whole, name, span)
            };
        }
        if name == "default" {
            // `require()` of an ES module, or a default import of a module without one
            // (bundlers hand over the namespace).
            return Value::Module(ModuleRef(Arc::clone(module)));
        }
        Value::Unknown(inner.span(span))
    }

    /// A module-level name of this evaluator's module, as read after the file has run.
    fn module_name(&self, name: &str, span: &Span) -> Value {
        let after = self.module.text.len() + 1;
        match self.module.program.bindings.module_level(name) {
            Some(binding) => self.eval_binding(name, binding, &(after..after)),
            None => Value::Unknown(self.span(span)),
        }
    }
}
