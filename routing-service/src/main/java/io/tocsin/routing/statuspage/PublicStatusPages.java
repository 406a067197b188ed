package io.tocsin.routing.statuspage;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The public, token-free status pages at /status/{slug} and their Atom feeds, served from {@link StatusBoard}. */
@Controller
class PublicStatusPages {

    private static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";

    private final StatusBoard board;

    PublicStatusPages(StatusBoard board) {
        this.board = board;
    }

    @GetMapping("/status/{slug}")
    String page(@PathVariable String slug, Model model) {
        model.addAttribute("view", view(slug));
        return "statuspage/page";
    }

    @GetMapping("/status/{slug}/feed.atom")
    ResponseEntity<String> feed(@PathVariable String slug) throws XMLStreamException {
        StatusView view = view(slug);
        String pageUrl = ServletUriComponentsBuilder.fromCurrentContextPath().path("/status/" + slug).toUriString();
        StringWriter text = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace(ATOM_NS);
        element(xml, "id", "urn:uuid:" + view.page().id());
        element(xml, "title", view.page().title());
        element(xml, "updated", (view.updates().isEmpty() ? view.page().createdAt() : view.updates().get(0).postedAt())
                .toString());
        link(xml, "alternate", pageUrl);
        link(xml, "self", pageUrl + "/feed.atom");
        xml.writeStartElement("author");
        element(xml, "name", view.page().title());
        xml.writeEndElement();
        for (StatusUpdate update : view.updates()) {
            xml.writeStartElement("entry");
            element(xml, "id", "urn:uuid:" + update.id());
            element(xml, "title", firstLine(update.message()));
            element(xml, "updated", update.postedAt().toString());
            link(xml, "alternate", pageUrl);
            xml.writeStartElement("content");
            xml.writeAttribute("type", "text");
            xml.writeCharacters(update.message());
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok().contentType(ATOM).body(text.toString());
    }

    private StatusView view(String slug) {
        if (!board.known()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Status pages are not loaded yet: Tocsin has not reached its database since it started");
        }
        return board.page(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No status page is at /status/" + slug));
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }
}
