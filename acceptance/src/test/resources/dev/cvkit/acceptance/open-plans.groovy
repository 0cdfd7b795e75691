// Run by JMeter's GUI at start-up (-Jjsr223.init.file=this file). Opens each plan named in the JMeter property
// cvkit.plans (separated by ';') as File > Open would, selects every element of its tree so that JMeter builds and
// fills that element's panel, and reports what it saw to cvkit.gui.out:
//   report.txt  one line per element: plan, tree path, test class, the panel's class, "ok" or what went wrong;
//   <plan>.png  the screen with the plan open;
//   <plan>.saved-by-gui.jmx  what File > Save would write once every panel has been filled;
//   done.txt    written last.
// A dialog that opens meanwhile (JMeter reports loading problems and invalid field values in dialogs) is
// recorded with its text and closed.
import java.awt.Container
import java.awt.Rectangle
import java.awt.Robot
import java.awt.Toolkit
import java.awt.Window
import javax.imageio.ImageIO
import javax.swing.JDialog
import javax.swing.JLabel
import javax.swing.JTextArea
import javax.swing.SwingUtilities
import javax.swing.tree.TreePath
import org.apache.jmeter.gui.GuiPackage
import org.apache.jmeter.gui.action.Load
import org.apache.jmeter.save.SaveService
import org.apache.jmeter.services.FileServer
import org.apache.jorphan.collections.HashTree
import org.apache.jorphan.collections.ListedHashTree

def out = new File(props.getProperty('cvkit.gui.out'))
out.mkdirs()
def report = new File(out, 'report.txt')

def texts
texts = { Container c, List<String> acc ->
    if (c instanceof JLabel && c.text) { acc << c.text.trim() }
    if (c instanceof JTextArea && c.text) { acc << c.text.trim() }
    c.components.each { if (it instanceof Container) { texts(it, acc) } }
    acc
}
def dialogs = {
    def found = []
    SwingUtilities.invokeAndWait {
        Window.getWindows().findAll { it instanceof JDialog && it.visible }.each { d ->
            found << (d.title + ': ' + texts(d, []).join(' '))
            d.dispose()
        }
    }
    found
}

Thread.start('cvkit-open-plans') {
    try {
        def deadline = System.currentTimeMillis() + 180_000
        while (System.currentTimeMillis() < deadline && GuiPackage.getInstance()?.mainFrame?.visible != true) {
            Thread.sleep(250)
        }
        Thread.sleep(1000)
        def robot = new Robot()
        def screen = new Rectangle(Toolkit.defaultToolkit.screenSize)
        props.getProperty('cvkit.plans').split(';').each { path ->
            def file = new File(path)
            def plan = file.name
            def loadError = null
            SwingUtilities.invokeAndWait {
                try {
                    FileServer.getFileServer().setBaseForScript(file)
                    Load.insertLoadedTree(1, SaveService.loadTree(file), false)
                    GuiPackage.getInstance().setTestPlanFile(file.absolutePath)
                } catch (Throwable t) {
                    loadError = t.toString()
                }
            }
            if (loadError != null) {
                report << plan + '\t-\t-\t-\tLOAD FAILED: ' + loadError.replace('\n', ' ') + '\n'
                return
            }
            dialogs().each { report << plan + '\t-\t-\t-\tDIALOG after loading: ' + it + '\n' }
            def nodes = []
            SwingUtilities.invokeAndWait {
                def root = GuiPackage.getInstance().treeModel.root
                nodes = root.preorderEnumeration().toList().findAll { it.userObject != null && it != root }
            }
            nodes.each { node ->
                def panel = null
                SwingUtilities.invokeAndWait {
                    GuiPackage.getInstance().treeListener.JTree.selectionPath = new TreePath(node.path)
                }
                Thread.sleep(60)
                SwingUtilities.invokeAndWait { panel = GuiPackage.getInstance().currentGui }
                def element = node.userObject
                def treePath = node.path.drop(1).collect { it.name }.join(' > ')
                def shown = dialogs()
                def outcome = shown.isEmpty() ? 'ok' : 'DIALOG: ' + shown.join(' / ')
                report << [plan, treePath, element.getClass().name, panel?.getClass()?.name, outcome].join('\t') + '\n'
            }
            SwingUtilities.invokeAndWait {
                def tree = GuiPackage.getInstance().mainFrame.tree
                for (int i = 0; i < tree.rowCount; i++) { tree.expandRow(i) }
                tree.selectionPath = tree.getPathForRow(0)
            }
            Thread.sleep(1000)
            ImageIO.write(robot.createScreenCapture(screen), 'png', new File(out, plan.replace('.jmx', '.png')))
            SwingUtilities.invokeAndWait {
                def gui = GuiPackage.getInstance()
                gui.updateCurrentNode()
                // What File > Save would write now: every panel has put its values back into its element.
                def planNode = gui.treeModel.root.getChildAt(0)
                def tree = new ListedHashTree()
                def copy
                copy = { node, HashTree into -> node.children().each { child -> copy(child, into.add(child.testElement)) } }
                copy(planNode, tree.add(planNode.testElement))
                new File(out, plan.replace('.jmx', '.saved-by-gui.jmx')).withOutputStream { stream ->
                    SaveService.saveTree(tree, stream)
                }
            }
            dialogs().each { report << plan + '\t-\t-\t-\tDIALOG at the end: ' + it + '\n' }
        }
    } catch (Throwable t) {
        report << '-\t-\t-\t-\tERROR ' + t.toString().replace('\n', ' ') + '\n'
    } finally {
        new File(out, 'done.txt').text = 'done\n'
        System.exit(0)
    }
}
