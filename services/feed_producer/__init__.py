"""Feed producer: RSS/Atom/JSON Feed polling, an inbox folder and stdin into `articles.raw`."""
