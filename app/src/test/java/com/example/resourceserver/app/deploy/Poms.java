package com.example.resourceserver.app.deploy;

import static com.example.resourceserver.app.deploy.Repository.ROOT;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reading Maven poms as plain XML: elements by path, their texts, the build plugins. */
final class Poms {

    private Poms() {}

    static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(file.toFile())
                .getDocumentElement();
    }

    static Element appPom() throws Exception {
        return pom(ROOT.resolve("app/pom.xml"));
    }

    /** The root pom's modules. */
    static List<String> modules() throws Exception {
        return texts(child(pom(ROOT.resolve("pom.xml")), "modules"), "module");
    }

    static Element child(Element parent, String... path) {
        Element node = parent;
        for (String name : path) {
            Element next = null;
            for (Node n = node == null ? null : node.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    next = e;
                    break;
                }
            }
            node = next;
        }
        return node;
    }

    static String childText(Element parent, String... path) {
        Element e = child(parent, path);
        return e == null ? null : e.getTextContent().trim();
    }

    static List<String> texts(Element parent, String name) {
        assertNotNull(parent, "<" + name + "> list");
        List<String> texts = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                texts.add(e.getTextContent().trim());
            }
        }
        return texts;
    }

    static List<Element> plugins(Element project) {
        Element plugins = child(project, "build", "plugins");
        List<Element> found = new ArrayList<>();
        for (Node n = plugins == null ? null : plugins.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("plugin")) {
                found.add(e);
            }
        }
        return found;
    }
}
