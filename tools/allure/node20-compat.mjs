// Allure 3.18 calls Iterator.prototype.toArray() (a Node 22 built-in) in its quality gate. Node 20
// lacks it; this adds exactly that method when it is missing, and nothing else. Loaded with
// `node --import` by tools/allure-render.sh only on a Node without it.
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
if (typeof IteratorPrototype.toArray !== 'function') {
    Object.defineProperty(IteratorPrototype, 'toArray', {
        value: function toArray() {
            return Array.from({ [Symbol.iterator]: () => this });
        },
        writable: true,
        configurable: true,
    });
}
