// Run by JMeter's GUI at start-up (-Jjsr223.init.file=...): waits for the plan to load, selects every cvkit
// element in the tree, records the texts its panel shows and a screenshot of the screen, then exits JMeter.
// Output goes to the directory of JMeter property cvkit.gui.out: report.txt (one line per element:
// class, tab, texts joined by " | "), <ClassName>.png, and done.txt last.
import java.awt.Container
import java.awt.Rectangle
import java.awt.Robot
import java.awt.Toolkit
import javax.imageio.ImageIO
import javax.swing.JComponent
import javax.swing.JLabel
import javax.swing.SwingUtilities
import javax.swing.border.TitledBorder
import javax.swing.tree.TreePath
import org.apache.jmeter.gui.GuiPackage

def out = new File(props.getProperty('cvkit.gui.out'))
out.mkdirs()

def texts
texts = { Container c, List<String> acc ->
    if (c instanceof JLabel && c.text) { acc << c.text.trim() }
    if (c instanceof JComponent && c.border instanceof TitledBorder) { acc << ((TitledBorder) c.border).title.trim() }
    c.components.each { if (it instanceof Container) { texts(it, acc) } }
    acc
}

Thread.start('cvkit-gui-driver') {
    def report = new File(out, 'report.txt')
    try {
        def deadline = System.currentTimeMillis() + 120_000
        def nodes = []
        while (System.currentTimeMillis() < deadline && nodes.isEmpty()) {
            Thread.sleep(500)
            def gui = GuiPackage.getInstance()
            if (gui?.treeModel?.root == null) { continue }
            nodes = gui.treeModel.root.depthFirstEnumeration().toList()
                    .findAll { it.userObject?.getClass()?.name?.startsWith('dev.cvkit.jmeter.') }
        }
        if (nodes.isEmpty()) { report.text = 'NO CVKIT ELEMENT IN THE TREE\n'; return }
        Thread.sleep(2000) // let the window settle after loading
        def robot = new Robot()
        def screen = new Rectangle(Toolkit.defaultToolkit.screenSize)
        nodes.reverse().each { node ->
            SwingUtilities.invokeAndWait {
                GuiPackage.getInstance().treeListener.JTree.selectionPath = new TreePath(node.path)
            }
            Thread.sleep(1500)
            def shown = []
            SwingUtilities.invokeAndWait { shown = texts(GuiPackage.getInstance().currentGui as Container, []) }
            def name = node.userObject.getClass().simpleName
            report << node.userObject.getClass().name + '\t' + shown.join(' | ') + '\n'
            ImageIO.write(robot.createScreenCapture(screen), 'png', new File(out, name + '.png'))
        }
    } catch (Throwable t) {
        report << 'ERROR\t' + t + '\n'
    } finally {
        new File(out, 'done.txt').text = 'done\n'
        System.exit(0)
    }
}
