from rltf.feedback.explain import main

main()
